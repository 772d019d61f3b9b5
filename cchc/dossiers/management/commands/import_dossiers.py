"""manage.py import_dossiers FILE --source IGATE [--dry-run] [--user USERNAME]

The same streaming, all-or-nothing import as the upload page (cchc.dossiers.importer). Without
--user the system imports (every unit); with it, the user's scope applies.
"""

from __future__ import annotations

import os
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.jobs import result_message


class Command(BaseCommand):
    help = "Nhập hồ sơ một cửa từ tệp CSV (UTF-8), XLSX hoặc JSON; tệp có lỗi không ghi gì."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Đường dẫn tệp .csv, .xlsx, .json hoặc .jsonl")
        parser.add_argument("--source", required=True, help="Hệ thống nguồn (ví dụ IGATE, VIETTEL)")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi")
        parser.add_argument("--user", help="Nhập với quyền của người dùng này (mặc định: hệ thống)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        if not os.path.isfile(path):
            raise CommandError(f"Không tìm thấy tệp {path}")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"Không có người dùng {options['user']}")
        started = time.perf_counter()

        def report(percent: int, message: str) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"{percent:3d}% {message}")

        with open(path, "rb") as handle:
            result = import_dossiers(
                handle,
                os.path.basename(path),
                os.path.getsize(path),
                actor=actor,
                source=options["source"].strip().upper(),
                dry_run=options["dry_run"],
                report=report,
            )
        seconds = time.perf_counter() - started
        if not result.ok:
            raise CommandError(result_message(result))
        verb = "Kiểm tra xong (không ghi)" if result.dry_run else "Đã nhập"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: {result.rows} dòng, {result.created} hồ sơ mới, {result.updated} cập nhật "
                f"trong {seconds:.1f} giây."
            )
        )
