"""Importing units: reading CSV/XLSX, the per-row check (dry run), the all-or-nothing job."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from cchc.accounts.models import Role
from cchc.jobs.models import Job
from cchc.orgunits import imports
from cchc.orgunits.imports import (
    COLUMNS,
    ImportFileError,
    ImportRejected,
    apply_plan,
    plan_import,
    read_table,
)
from cchc.orgunits.jobs import IMPORT_KIND
from cchc.orgunits.models import OrgUnit, UnitMove
from cchc.orgunits.views._common import optional_url
from conftest import _user

pytestmark = pytest.mark.django_db

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
HEADER = [c.header for c in COLUMNS]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def row(code: str, name: str, unit_type: str = "so", parent: str = "TINH", **extra: str) -> list[str]:
    values = {"code": code, "name": name, "unit_type": unit_type, "parent": parent, **extra}
    return [values.get(c.key, "") for c in COLUMNS]


def csv_bytes(
    rows: list[list[str]], *, header: list[str] = HEADER, delimiter: str = ",", bom: bool = False
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def plan_for(data: bytes, user, name: str = "don-vi.csv"):
    return plan_import(read_table(data, name), user=user)


# --- Reading ----------------------------------------------------------------------------------


class TestRead:
    def test_csv_with_bom_and_semicolons(self, province):
        table = read_table(csv_bytes([row("SXD", "Sở Xây dựng")], delimiter=";", bom=True), "a.csv")
        assert table.rows == [
            (
                2,
                {
                    **dict.fromkeys(table.columns, ""),
                    "code": "SXD",
                    "name": "Sở Xây dựng",
                    "unit_type": "so",
                    "parent": "TINH",
                },
            )
        ]

    def test_headers_in_any_order_case_and_accents_ignored_unknown_columns_reported(self, province):
        data = "ten don vi,MÃ ĐƠN VỊ,loại đơn vị,Ghi chú\nSở Xây dựng,SXD,so,x\n".encode()
        table = read_table(data, "a.csv")
        assert table.columns == ["code", "name", "unit_type"]
        assert table.rows[0][1] == {"code": "SXD", "name": "Sở Xây dựng", "unit_type": "so"}
        assert table.ignored_headers == ["Ghi chú"]

    def test_blank_rows_are_skipped_but_numbering_follows_the_file(self, province):
        data = csv_bytes([row("A1", "Một"), [""] * len(HEADER), row("A2", "Hai")])
        assert [number for number, _cells in read_table(data, "a.csv").rows] == [2, 4]

    @pytest.mark.parametrize(
        ("data", "name", "message"),
        [
            (b"M\xe3 \xf0\xf5n v\xec,T\xean\n", "a.csv", "UTF-8"),  # a Windows code page
            (b"Ma,Ten\nX,Y\n", "a.csv", "missing columns"),
            (b"not a zip", "a.xlsx", "Excel"),
            (b"", "a.csv", "empty"),
            (b"x", "a.txt", ".csv or .xlsx"),
            ("Mã đơn vị,Tên đơn vị,Loại đơn vị\n".encode(), "a.csv", "no rows"),
        ],
    )
    def test_unreadable_files(self, province, data, name, message):
        with pytest.raises(ImportFileError, match=message):
            read_table(data, name)

    def test_xlsx_dates_numbers_and_text(self, province):
        data = xlsx_bytes([row("SXD", "Sở Xây dựng", valid_from=dt.datetime(2025, 7, 1), phone=2003812345)])
        cells = read_table(data, "a.xlsx").rows[0][1]
        assert cells["valid_from"] == "01/07/2025" and cells["phone"] == "2003812345"


# --- Planning (dry run) -----------------------------------------------------------------------


class TestPlan:
    def test_sample_csv_and_xlsx_give_the_same_plan(self, province, personas):
        plans = [
            plan_for((SAMPLES / name).read_bytes(), personas.system_admin, name)
            for name in ["don-vi-mau.csv", "don-vi-mau.xlsx"]
        ]
        for plan in plans:
            assert not plan.has_errors, plan.all_errors()
            assert plan.counts()["create"] == 10
        assert [(r.code, r.values, r.parent_code) for r in plans[0].rows] == [
            (r.code, r.values, r.parent_code) for r in plans[1].rows
        ]

    def test_sample_file_is_marked_as_sample(self):
        text = (SAMPLES / "don-vi-mau.csv").read_text("utf-8-sig")
        assert "Tỉnh Mẫu" in text and "mẫu" in text.lower()

    def test_every_bad_row_gets_a_clear_message(self, province, personas):
        data = csv_bytes(
            [
                row("A1", "Một", parent="KHONGCO"),
                row("A2", "Hai", unit_type="ao"),
                row("A3", "Ba", valid_from="31/02/2025"),
                row("A4", "Bốn"),
                row("A4", "Bốn lặp"),
                row("A5", ""),
                row("A6", "Sáu", email="khong-hop-le"),
                row("A7", "Bảy", valid_from="01/07/2025", valid_to="30/06/2025"),
                row("A8", "Tám", parent=""),
                row("A9", "Chín", parent="HUY"),  # closed district
            ]
        )
        plan = plan_for(data, personas.province_admin)
        errors = plan.all_errors()
        expected = [
            "Row 2: parent unit “KHONGCO” not found.",
            "Row 3: unknown unit type “ao”.",
            "Row 4: “Hiệu lực từ” must be a date dd/mm/yyyy, not “31/02/2025”.",
            "Row 6: code “A4” already appears in row 5.",
            "Row 7: “Tên đơn vị” is required.",
            "Row 8: “khong-hop-le” is not a valid e-mail address.",
            "Row 9: “Hiệu lực đến” is before “Hiệu lực từ”.",
        ]
        for message in expected:
            assert message in errors
        assert any(e.startswith("Row 10:") and "system administrator" in e for e in errors)
        assert any(e.startswith("Row 11:") and "HUY" in e and "30/06/2025" in e for e in errors)
        assert [r.action for r in plan.rows].count("error") == 9
        with pytest.raises(ImportRejected):
            apply_plan(plan, actor=personas.province_admin)

    def test_updates_and_moves_are_detected(self, province, personas):
        data = csv_bytes(
            [
                row("SNV", "Sở Nội vụ tỉnh", parent="TTPV", abbreviation="SNV", valid_from="01/09/2025"),
                row("STC", "Sở Tài chính", abbreviation="STC"),
            ]
        )
        plan = plan_for(data, personas.province_admin)
        snv, stc = plan.rows
        assert (snv.action, stc.action) == ("update", "unchanged")
        assert snv.move and snv.changes["Tên đơn vị"] == ("Sở Nội vụ", "Sở Nội vụ tỉnh")
        assert snv.changes["Mã đơn vị cấp trên"] == ("TINH", "TTPV")
        assert snv.changes["Hiệu lực từ"] == ("", "01/09/2025")

    def test_rights_are_checked_per_row(self, province):
        snv_admin = _user("snv_admin", province.snv, Role.PROVINCE_ADMIN)
        data = csv_bytes(
            [
                row("STC", "Sở Tài chính mới"),  # not theirs
                row("PHONG", "Phòng mới", parent="STC"),  # under a unit they do not manage
                row("PHONG2", "Phòng hai", parent="SNV"),  # fine
            ]
        )
        plan = plan_for(data, snv_admin)
        assert plan.rows[0].errors == ["Row 2: you may not change unit “STC”."]
        assert "you may not add or move units under “STC”" in plan.rows[1].errors[0]
        assert plan.rows[2].action == "create"

    def test_cycles_are_refused(self, province, personas):
        data = csv_bytes(
            [
                row(
                    "TINH",
                    "Tỉnh Thử Nghiệm",
                    unit_type="tinh",
                    parent="SNV",
                    abbreviation="UBND",
                    valid_from="01/01/2000",
                )
            ]
        )
        plan = plan_for(data, personas.system_admin)
        assert any("would end up under itself" in e for e in plan.all_errors())

    def test_moving_to_the_top_level_is_refused(self, province, personas):
        plan = plan_for(
            csv_bytes([row("SNV", "Sở Nội vụ", parent="", abbreviation="SNV")]), personas.system_admin
        )
        assert "cannot be moved to the top level" in plan.all_errors()[0]

    def test_parent_column_may_be_left_out_for_updates(self, province, personas):
        data = "Mã đơn vị,Tên đơn vị,Loại đơn vị\nSNV,Sở Nội vụ (mới),so\n".encode()
        plan = plan_for(data, personas.province_admin)
        assert plan.rows[0].action == "update" and not plan.rows[0].move
        assert list(plan.rows[0].changes) == ["Tên đơn vị"]

    def test_type_by_name(self, province, personas):
        plan = plan_for(csv_bytes([row("SXD", "Sở Xây dựng", unit_type="sở")]), personas.province_admin)
        assert plan.rows[0].values["unit_type"] == province.types["so"]


# --- Applying ---------------------------------------------------------------------------------


class TestApply:
    def test_parents_may_come_after_their_sub_units(self, province, personas):
        data = csv_bytes(
            [
                row("PHONG-A", "Phòng A", unit_type="so", parent="BAN"),
                row("BAN", "Ban mới", parent="TINH", valid_from="01/08/2025", phone="0200 3812 345"),
            ]
        )
        plan = plan_for(data, personas.province_admin)
        result = apply_plan(plan, actor=personas.province_admin)
        assert result["created"] == 2 and result["updated"] == 0
        ban = OrgUnit.objects.get(code="BAN")
        assert OrgUnit.objects.get(code="PHONG-A").parent == ban
        assert ban.valid_from == dt.date(2025, 8, 1) and ban.phone == "0200 3812 345"
        assert OrgUnit.objects.get(code="PHONG-A").path.startswith(ban.path)

    def test_update_and_move(self, province, personas):
        data = csv_bytes(
            [row("SNV", "Sở Nội vụ tỉnh", parent="TTPV", abbreviation="SNV", valid_from="01/09/2025")]
        )
        result = apply_plan(plan_for(data, personas.province_admin), actor=personas.province_admin)
        assert result["updated"] == 1
        province.snv.refresh_from_db()
        assert province.snv.name == "Sở Nội vụ tỉnh" and province.snv.parent == province.centre
        assert UnitMove.objects.get(unit=province.snv).effective_date == dt.date(2025, 9, 1)

    def test_moves_within_the_file_keep_paths_right(self, province, personas):
        data = csv_bytes(
            [
                row("TTPV", "Trung tâm Phục vụ hành chính công", unit_type="trung-tam", parent="SNV"),
                row("BAN", "Ban mới", parent="TTPV"),
                row("STC", "Sở Tài chính", parent="BAN", abbreviation="STC"),
            ]
        )
        apply_plan(plan_for(data, personas.province_admin), actor=personas.province_admin)
        stc = OrgUnit.objects.get(code="STC")
        chain = [stc.parent.code, stc.parent.parent.code, stc.parent.parent.parent.code]
        assert chain == ["BAN", "TTPV", "SNV"]
        snv = OrgUnit.objects.get(code="SNV")
        assert stc.path.startswith(snv.path) and stc.depth == 4

    def test_all_or_nothing(self, province, personas, monkeypatch):
        original = imports.unit_create

        def failing(**kwargs):
            if kwargs["code"] == "A3":
                raise ValidationError({"name": "boom"})
            return original(**kwargs)

        monkeypatch.setattr(imports, "unit_create", failing)
        data = csv_bytes([row("A1", "Một"), row("A2", "Hai"), row("A3", "Ba")])
        count = OrgUnit.objects.count()
        with pytest.raises(ImportRejected, match="Row 4: boom"):
            apply_plan(plan_for(data, personas.province_admin), actor=personas.province_admin)
        assert OrgUnit.objects.count() == count

    def test_progress_is_reported_every_50_rows(self, province, personas):
        data = csv_bytes([row(f"N{i:03d}", f"Đơn vị {i}") for i in range(120)])
        reports: list[tuple[int, str]] = []
        imports.import_file(
            data, "a.csv", actor=personas.province_admin, report=lambda p, m: reports.append((p, m))
        )
        assert [m for _p, m in reports][-3:] == [
            "50 of 120 rows applied",
            "100 of 120 rows applied",
            "120 of 120 rows applied",
        ]
        assert all(0 <= p <= 100 for p, _m in reports)

    def test_sample_province_imports(self, province, personas):
        result = imports.import_file(
            (SAMPLES / "don-vi-mau.xlsx").read_bytes(), "don-vi-mau.xlsx", actor=personas.system_admin
        )
        assert result["created"] == 10
        assert OrgUnit.objects.get(code="MAU-X-DAK").parent.code == "MAU"
        again = plan_for((SAMPLES / "don-vi-mau.csv").read_bytes(), personas.system_admin)
        assert again.counts()["unchanged"] == 10


# --- The screen and the job -------------------------------------------------------------------


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


class TestImportScreen:
    def test_dry_run_writes_nothing_then_confirm_runs_the_job(
        self, client_for, personas, province, django_capture_on_commit_callbacks
    ):
        c = client_for(personas.province_admin)
        data = csv_bytes(
            [row("A1", "Một", parent="A2"), row("A2", "Hai"), row("SNV", "Sở Nội vụ mới", abbreviation="SNV")]
        )
        count = OrgUnit.objects.count()
        response = c.post(reverse("orgunits:import"), {"file": upload("don-vi.csv", data)})
        assert response.status_code == 200
        assert response.context["counts"] == {"create": 2, "update": 1, "unchanged": 0, "error": 0}
        token = response.context["token"]
        assert token and OrgUnit.objects.count() == count and not Job.objects.exists()

        with django_capture_on_commit_callbacks(execute=True):
            response = c.post(reverse("orgunits:import"), {"token": token})
        job = Job.objects.get()
        assert response.status_code == 302
        assert response["Location"] == (optional_url("jobs:detail", job.pk) or reverse("orgunits:list"))
        assert job.kind == IMPORT_KIND and job.created_by == personas.province_admin
        assert job.params["user_id"] == personas.province_admin.pk
        assert job.params["path"].startswith("imports/")
        assert (Path(settings.MEDIA_ROOT) / job.params["path"]).is_file()
        job.refresh_from_db()
        assert job.status == Job.Status.SUCCEEDED, job.error
        assert job.result["created"] == 2 and job.result["updated"] == 1
        assert OrgUnit.objects.get(code="A1").parent.code == "A2"
        assert OrgUnit.objects.get(code="SNV").name == "Sở Nội vụ mới"

    def test_bad_file_shows_errors_and_cannot_be_confirmed(self, client_for, personas, province):
        data = csv_bytes([row("A1", "Một", parent="KHONGCO"), row("A2", "Hai")])
        count = OrgUnit.objects.count()
        response = client_for(personas.province_admin).post(
            reverse("orgunits:import"), {"file": upload("x.csv", data)}
        )
        content = response.content.decode()
        assert "Row 2: parent unit “KHONGCO” not found." in content
        assert not response.context["token"] and 'name="token"' not in content
        assert OrgUnit.objects.count() == count

    def test_unreadable_file_error_on_the_field(self, client_for, personas, province):
        response = client_for(personas.province_admin).post(
            reverse("orgunits:import"), {"file": upload("x.xlsx", b"zz")}
        )
        assert response.context["form"].errors["file"]
        response = client_for(personas.province_admin).post(
            reverse("orgunits:import"), {"file": upload("x.pdf", b"zz")}
        )
        assert response.context["form"].errors["file"]

    def test_xlsx_upload(self, client_for, personas, province):
        data = xlsx_bytes([row("A1", "Một", valid_from=dt.date(2025, 8, 1))])
        response = client_for(personas.province_admin).post(
            reverse("orgunits:import"), {"file": upload("x.xlsx", data)}
        )
        assert response.context["counts"]["create"] == 1 and response.context["token"]

    def test_nothing_to_do_needs_no_confirmation(self, client_for, personas, province):
        data = csv_bytes([row("STC", "Sở Tài chính", abbreviation="STC")])
        response = client_for(personas.province_admin).post(
            reverse("orgunits:import"), {"file": upload("x.csv", data)}
        )
        assert response.context["counts"]["unchanged"] == 1 and not response.context["token"]

    def test_tampered_or_foreign_tokens_are_refused(self, client_for, personas, province):
        c = client_for(personas.province_admin)
        data = csv_bytes([row("A1", "Một")])
        token = c.post(reverse("orgunits:import"), {"file": upload("x.csv", data)}).context["token"]
        assert c.post(reverse("orgunits:import"), {"token": token + "x"}).status_code == 302
        other = client_for(personas.system_admin)
        assert other.post(reverse("orgunits:import"), {"token": token}).status_code == 403
        assert not Job.objects.exists()

    def test_job_checks_the_file_again(self, personas, province, django_capture_on_commit_callbacks):
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        from cchc.jobs.services import job_enqueue

        path = default_storage.save(
            "imports/bad.csv", ContentFile(csv_bytes([row("A1", "Một", parent="KHONGCO")]))
        )
        with django_capture_on_commit_callbacks(execute=True):
            job = job_enqueue(
                actor=personas.province_admin,
                kind=IMPORT_KIND,
                title="t",
                params={"path": path, "user_id": personas.province_admin.pk, "filename": "bad.csv"},
            )
        job.refresh_from_db()
        assert job.status == Job.Status.FAILED and "KHONGCO" in job.error
        assert not OrgUnit.objects.filter(code="A1").exists()

    def test_sample_download(self, client_for, personas):
        response = client_for(personas.leader).get(reverse("orgunits:import_sample", args=["csv"]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith("\ufeffMã đơn vị".encode())
        assert (
            client_for(personas.leader).get(reverse("orgunits:import_sample", args=["pdf"])).status_code
            == 404
        )
