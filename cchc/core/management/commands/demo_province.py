"""`manage.py demo_province`: load the sample province on an empty database, print the demo accounts.

`make run` calls it every time: when the database already has units it keeps them untouched.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.core import demo
from cchc.core.demo.extensions import load_extensions


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "│ " + " │ ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " │"

    def rule(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * (w + 2) for w in widths) + right

    out = [rule("┌", "┬", "┐"), line(headers), rule("├", "┼", "┤")]
    out += [line(r) for r in rows]
    out.append(rule("└", "┴", "┘"))
    return "\n".join(out)


class Command(BaseCommand):
    help = (
        "Nạp tỉnh mẫu (dữ liệu mẫu) khi cơ sở dữ liệu chưa có đơn vị nào và in các tài khoản mẫu. "
        "Dữ liệu hiện có không bao giờ bị thay đổi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=demo.DEFAULT_SEED,
            help="Hạt giống ngẫu nhiên của dữ liệu mẫu (mặc định %(default)s).",
        )
        parser.add_argument(
            "--province-only",
            action="store_true",
            help="Chỉ nạp tỉnh mẫu (đơn vị, tài khoản), không nạp dữ liệu mẫu của các phân hệ.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo.has_units():
            self.stdout.write("Cơ sở dữ liệu đã có đơn vị: giữ nguyên dữ liệu hiện có, không nạp tỉnh mẫu.")
        else:
            result = demo.load_demo_province(seed=options["seed"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã nạp {demo.PROVINCE_NAME} (dữ liệu mẫu): {result.units} đơn vị, "
                    f"{result.lineage_links} liên kết kế thừa, {result.users} tài khoản "
                    f"trong {result.seconds:.1f} giây."
                )
            )
        if not options["province_only"]:
            for summary in load_extensions(seed=options["seed"]):
                self.stdout.write(self.style.SUCCESS(summary))
        accounts = demo.demo_accounts()
        if not accounts:
            return
        password = demo.DEMO_PASSWORD
        rows = [[a.username, a.full_name, a.role, a.unit, password if a.username else ""] for a in accounts]
        self.stdout.write("\nTài khoản mẫu:")
        self.stdout.write(
            format_table(["Tên đăng nhập", "Họ và tên", "Vai trò", "Đơn vị", "Mật khẩu ban đầu"], rows)
        )
        self.stdout.write(
            self.style.WARNING(
                "Cảnh báo: đây là tài khoản và dữ liệu MẪU, mật khẩu dùng chung và công khai. "
                "Không dùng cho hệ thống thật; hãy xóa hoặc đổi mật khẩu trước khi triển khai."
            )
        )
