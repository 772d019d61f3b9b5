"""Pages with data: scope of lists and statistics, exports, catalogue import, calendar editing,
reconciliation warnings."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import CalendarDay, Procedure, ReportedTotals
from cchc.dossiers.services import reported_totals_set

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
MARCH = {"kind": "month", "year": "2025", "number": "3"}
pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(province: Any, catalogue: Any) -> None:
    data = (SAMPLES / "dossiers-mau.csv").read_bytes()
    assert import_dossiers(io.BytesIO(data), "f.csv", len(data), actor=None, source="IGATE").ok


def test_list_and_detail_follow_the_scope(client_for: Any, personas: Any, imported: None) -> None:
    admin = client_for(personas.province_admin).get(reverse("dossiers:list")).content.decode()
    assert "250303-0001" in admin and "250303-0006" in admin
    xa = client_for(personas.commune_officer).get(reverse("dossiers:list")).content.decode()
    assert "250303-0001" in xa and "250303-0006" not in xa
    outsider = client_for(personas.outsider).get(reverse("dossiers:list")).content.decode()
    assert "250303-0001" not in outsider
    late = (
        client_for(personas.province_admin).get(reverse("dossiers:list"), {"status": "late"}).content.decode()
    )
    assert "250304-0003" in late and "250303-0001" not in late


def test_statistics_page_export_and_766(client_for: Any, personas: Any, imported: None) -> None:
    admin = client_for(personas.province_admin)
    page = admin.get(reverse("dossiers:statistics"), MARCH)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Xã Đắk Mới" in html and "Sở Nội vụ" in html and "dossier-charts" in html
    assert "250304-0003" in html  # late list, with its apology letter
    xa = client_for(personas.commune_officer).get(reverse("dossiers:statistics"), MARCH).content.decode()
    assert "Sở Nội vụ" not in xa.split("stats-table")[1].split("</table>")[0]
    export = admin.get(reverse("dossiers:statistics_export"), MARCH)
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    total = rows[-1]
    assert total[1] == "Tổng cộng" and total[2] == 8  # total to handle
    assert "Số hồ sơ đã giải quyết" in rows[3]
    by_field = admin.get(reverse("dossiers:statistics"), {**MARCH, "group_by": "field"}).content.decode()
    assert "Hộ tịch" in by_field
    par = admin.get(reverse("dossiers:statistics"), {"kind": "par_q1", "year": "2025"})
    assert par.status_code == 200 and "15/12/2024" in par.content.decode()
    bad = admin.get(reverse("dossiers:statistics"), {"kind": "custom", "year": "2025"})
    assert bad.status_code == 200 and "period" not in bad.context
    scores = admin.get(reverse("dossiers:decision766"), MARCH).content.decode()
    assert "Tiến độ giải quyết" in scores and "Xã Đắk Mới" in scores


def test_reconciliation_warns_and_never_corrects(
    client_for: Any, personas: Any, imported: None, province: Any
) -> None:
    import datetime as dt

    reported_totals_set(
        actor=personas.commune_officer,
        unit=province.commune,
        start=dt.date(2025, 3, 1),
        end=dt.date(2025, 3, 31),
        carried_over=0,
        received=6,
        resolved=3,
        resolved_on_time=2,
        pending=1,
        returned_withdrawn=1,
        transferred=0,
    )
    html = client_for(personas.province_admin).get(reverse("dossiers:statistics"), MARCH).content.decode()
    assert "alert-warning" in html and "Xã Đắk Mới" in html
    r = ReportedTotals.objects.get()
    assert r.unaccounted == 1 and r.received == 6  # kept as reported
    page = client_for(personas.commune_officer).get(reverse("dossiers:reported")).content.decode()
    assert "table-warning" in page
    response = client_for(personas.outsider).post(
        reverse("dossiers:reported"),
        {
            "unit": province.commune.pk,
            "start": "01/03/2025",
            "end": "31/03/2025",
            "carried_over": 0,
            "received": 1,
            "resolved": 1,
            "resolved_on_time": 1,
            "pending": 0,
            "returned_withdrawn": 0,
            "transferred": 0,
        },
    )
    assert response.status_code == 200 and ReportedTotals.objects.count() == 1  # not a unit of theirs


def test_catalogue_round_trip(client_for: Any, personas: Any, catalogue: Any, province: Any) -> None:
    admin = client_for(personas.province_admin)
    exported = admin.get(reverse("dossiers:procedure_export")).content
    book = load_workbook(io.BytesIO(exported))
    sheet = book.active
    sheet.append(
        [
            "MOI.01",
            "Thủ tục mới",
            "Hộ tịch",
            "Cấp xã",
            2,
            "ngày làm việc",
            "Toàn trình",
            "15.000",
            "01/01/2025",
            "",
            "XA",
        ]
    )
    out = io.BytesIO()
    book.save(out)
    check = admin.post(
        reverse("dossiers:procedure_import"), {"file": SimpleUploadedFile("tthc.xlsx", out.getvalue())}
    )
    assert check.status_code == 200 and not Procedure.objects.filter(code="MOI.01").exists()
    assert check.context["counts"] == {"create": 1, "update": 3, "error": 0}
    done = admin.post(
        reverse("dossiers:procedure_import"),
        {"file": SimpleUploadedFile("tthc.xlsx", out.getvalue()), "apply": "1"},
    )
    assert done.status_code == 302
    new = Procedure.objects.get(code="MOI.01")
    assert (
        new.fee == 15000
        and new.online_level == "full"
        and list(new.competent_units.all()) == [province.commune]
    )
    sheet.append(["MOI.02", "Sai", "Hộ tịch", "Cấp huyện", -1, "tuần", "x", "", "32/01/2025", "", "KHONG"])
    out = io.BytesIO()
    book.save(out)
    bad = admin.post(
        reverse("dossiers:procedure_import"),
        {"file": SimpleUploadedFile("tthc.xlsx", out.getvalue()), "apply": "1"},
    )
    assert bad.status_code == 200 and bad.context["plan"].has_errors
    assert (
        len(bad.context["plan"].rows[-1].errors) == 6 and not Procedure.objects.filter(code="MOI.02").exists()
    )


def test_calendar_editing(client_for: Any, personas: Any) -> None:
    admin = client_for(personas.province_admin)
    page = admin.get(reverse("dossiers:calendar"), {"nam": "2025"}).content.decode()
    assert "Giỗ Tổ Hùng Vương" in page
    assert 'href="?nam=2026"' in page  # years are not written with a thousands separator
    response = admin.post(
        reverse("dossiers:calendar") + "?nam=2025",
        {"day-date": "10/10/2025", "day-kind": "holiday", "day-name": "Nghỉ thử"},
    )
    assert response.status_code == 302 and CalendarDay.objects.filter(name="Nghỉ thử").exists()
    day = CalendarDay.objects.get(name="Nghỉ thử")
    assert admin.post(reverse("dossiers:calendar_day_delete", args=[day.pk])).status_code == 302
    assert not CalendarDay.objects.filter(name="Nghỉ thử").exists()
    officer = client_for(personas.dept_officer)
    assert "day-date" not in officer.get(reverse("dossiers:calendar")).content.decode()
    assert officer.post(reverse("dossiers:calendar"), {"day-date": "10/10/2025"}).status_code == 403


def test_imported_766_values_page(client_for: Any, personas: Any, imported: None, province: Any) -> None:
    from cchc.dossiers.decision766 import current_set
    from cchc.dossiers.models import Indicator, IndicatorValue

    sync = Indicator.objects.get(group__indicator_set=current_set(2025), code="1.4")
    data = {
        "indicator": sync.pk,
        "unit": province.commune.pk,
        "start": "01/03/2025",
        "end": "31/03/2025",
        "rate": "75",
        "provenance": "Cổng DVCQG, báo cáo tháng 3/2025",
    }
    assert client_for(personas.outsider).post(reverse("dossiers:indicator_values"), data).status_code == 200
    assert not IndicatorValue.objects.exists()  # the commune is not the outsider's
    assert (
        client_for(personas.commune_officer).post(reverse("dossiers:indicator_values"), data).status_code
        == 302
    )
    page = client_for(personas.province_admin).get(reverse("dossiers:decision766"), MARCH).content.decode()
    assert "Cổng DVCQG, báo cáo tháng 3/2025" not in page  # the province has no value of its own
    xa = client_for(personas.commune_officer).get(reverse("dossiers:decision766"), MARCH).content.decode()
    assert "Cổng DVCQG, báo cáo tháng 3/2025" in xa  # the commune's selection is the commune
    listing = client_for(personas.province_admin).get(reverse("dossiers:indicator_values")).content.decode()
    assert "Cổng DVCQG, báo cáo tháng 3/2025" in listing
    outsider = client_for(personas.outsider).get(reverse("dossiers:indicator_values")).content.decode()
    assert "báo cáo tháng 3/2025" not in outsider


def test_a_running_period_is_counted_up_to_today(client_for: Any, personas: Any, imported: None) -> None:
    import datetime as dt

    import time_machine

    with time_machine.travel(dt.datetime(2025, 3, 15, 9, 0), tick=False):
        page = client_for(personas.province_admin).get(reverse("dossiers:statistics"), MARCH)
    assert page.context["period"].end == dt.date(2025, 3, 15)
    assert "01/03/2025 – 15/03/2025" in page.content.decode()
    assert "31/03/2025 chưa kết thúc" in page.content.decode()
    with time_machine.travel(dt.datetime(2025, 4, 1, 9, 0), tick=False):  # a new session: 8 h idle limit
        page = client_for(personas.province_admin).get(reverse("dossiers:statistics"), MARCH)
    assert page.context["period"].end == dt.date(2025, 3, 31)
    assert "chưa kết thúc" not in page.content.decode()
