"""Excel exports: a plan with its progress, and the statistics table. Numbers are real numbers
with number formats (percentages as fractions formatted 0.00%), never text."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cchc.plans import selectors, stats
from cchc.plans.models import Plan, Task
from cchc.plans.reports import PlanStatistics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FMT = "DD/MM/YYYY"
PCT_FMT = "0.00%"
BUCKET_LABELS = {
    stats.COMPLETED_ON_TIME: "Hoàn thành đúng hạn",
    stats.COMPLETED_LATE: "Hoàn thành quá hạn",
    stats.IN_PROGRESS: "Đang thực hiện",
    stats.NOT_STARTED: "Chưa thực hiện",
    stats.NOT_DONE: "Không thực hiện",
    stats.CANCELLED: "Đã hủy",
}


def _fraction(value: Decimal | None) -> Decimal | None:
    return value / 100 if value is not None else None


def _header(ws: Any, titles: list[str]) -> None:
    ws.append(titles)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def plan_workbook(plan: Plan, tasks: QuerySet[Task]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Kế hoạch"
    ws.append([plan.title])
    ws.append([f"{plan.document_label}".strip()])
    _header(
        ws,
        [
            "STT",
            "Nội dung",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Sản phẩm",
            "Thời hạn",
            "Tình trạng",
            "Tỷ lệ hoàn thành",
            "Quá hạn",
        ],
    )
    states = selectors.states_for(selectors.task_rows(tasks))
    area = None
    for task in (
        tasks.select_related("area", "lead_unit")
        .prefetch_related("coordinating_units")
        .order_by("area__sort_order", "sort_order", "id")
    ):
        if task.area_id != area:
            area = task.area_id
            ws.append(["", task.area.name])
            ws.cell(ws.max_row, 2).font = Font(bold=True)
        state = states.get(task.pk)
        deadline: Any = "Thường xuyên" if task.is_recurring else task.deadline
        ws.append(
            [
                task.number,
                task.title,
                task.lead_unit.name,
                ", ".join(u.name for u in task.coordinating_units.all()),
                task.output,
                deadline,
                "Đã hủy" if task.is_cancelled else (BUCKET_LABELS.get(state.bucket, "") if state else ""),
                (Decimal(state.percent) / 100 if state and state.percent is not None else None),
                "Có" if state and state.overdue else "",
            ]
        )
        if isinstance(deadline, dt.date):
            ws.cell(ws.max_row, 6).number_format = DATE_FMT
        ws.cell(ws.max_row, 8).number_format = "0%"
    for column, width in zip("ABCDEFGHI", (6, 60, 28, 30, 24, 13, 20, 12, 9), strict=True):
        ws.column_dimensions[column].width = width
    return _save(wb)


def statistics_workbook(plan: Plan, result: PlanStatistics) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Thống kê"
    ws.append([plan.title])
    ws.append([result.period.label])
    ws.append([result.sentence])
    titles = [
        "Nhóm",
        "Tổng số",
        "Hoàn thành",
        "Đúng hạn",
        "Quá hạn (hoàn thành)",
        "Đang thực hiện",
        "Chưa thực hiện",
        "Không thực hiện",
        "Quá hạn",
        "Đã hủy",
        "Tỷ lệ hoàn thành",
    ]
    for heading, items in (("Theo lĩnh vực", result.by_area), ("Theo đơn vị chủ trì", result.by_unit)):
        ws.append([])
        ws.append([heading])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        _header(ws, titles)
        for name, s in [*items, ("Tổng cộng", result.summary)]:
            ws.append(
                [
                    name,
                    s.total,
                    s.completed,
                    s.completed_on_time,
                    s.completed_late,
                    s.in_progress,
                    s.not_started,
                    s.not_done,
                    s.overdue,
                    s.cancelled,
                    _fraction(s.completed_percent),
                ]
            )
            ws.cell(ws.max_row, 11).number_format = PCT_FMT
    ws.column_dimensions["A"].width = 50
    return _save(wb)


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
