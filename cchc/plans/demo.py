"""Sample plans for the sample province (cchc/core/demo/extensions.py): the province's PAR plans for
last year and this year, derived plans of a few departments and a commune, a 2021–2030
resolution programme with targets and actuals, and four meetings with conclusions.
Everything is flagged `is_sample` and deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from cchc.accounts.models import Membership
from cchc.orgunits.models import OrgUnit
from cchc.plans import meetings, services, targets
from cchc.plans.models import Plan, PlanArea

ORDER = 10
P = "T99"
NOTE = " (dữ liệu mẫu)"

# (area code, task title, lead unit code, coordinating codes, output, deadline "MM-DD" | "Qn" | "TX")
TASKS: list[tuple[str, str, str, list[str], str, str]] = [
    (
        "chi-dao-dieu-hanh",
        "Ban hành Kế hoạch cải cách hành chính năm {y} của tỉnh",
        "SNV",
        ["VPUB"],
        "Kế hoạch",
        "01-31",
    ),
    (
        "chi-dao-dieu-hanh",
        "Kiểm tra công tác cải cách hành chính tại các sở, ngành và UBND cấp xã",
        "SNV",
        ["VPUB", "STP"],
        "Báo cáo kết quả kiểm tra",
        "Q3",
    ),
    (
        "chi-dao-dieu-hanh",
        "Xác định Chỉ số cải cách hành chính năm {y} của các sở, ngành và UBND cấp xã",
        "SNV",
        [],
        "Quyết định công bố",
        "Q4",
    ),
    (
        "chi-dao-dieu-hanh",
        "Báo cáo định kỳ công tác cải cách hành chính quý, 6 tháng, năm",
        "SNV",
        [],
        "Báo cáo",
        "TX",
    ),
    (
        "the-che",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành",
        "STP",
        [],
        "Báo cáo rà soát",
        "Q2",
    ),
    (
        "the-che",
        "Theo dõi tình hình thi hành pháp luật trên địa bàn tỉnh",
        "STP",
        ["SNV"],
        "Báo cáo",
        "11-30",
    ),
    (
        "the-che",
        "Kiểm tra, xử lý văn bản quy phạm pháp luật theo thẩm quyền",
        "STP",
        [],
        "Thông báo kết quả kiểm tra",
        "TX",
    ),
    (
        "tthc",
        "Công bố, công khai danh mục thủ tục hành chính thuộc thẩm quyền giải quyết",
        "VPUB",
        ["STP"],
        "Quyết định công bố",
        "TX",
    ),
    (
        "tthc",
        "Rà soát, đơn giản hóa thủ tục hành chính nội bộ trong hệ thống hành chính nhà nước",
        "VPUB",
        ["SNV", "STC"],
        "Phương án đơn giản hóa",
        "06-30",
    ),
    (
        "tthc",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Bộ phận Một cửa các cấp",
        "TTPVHCC",
        [],
        "Tỷ lệ số hóa đạt 100%",
        "12-15",
    ),
    (
        "tthc",
        "Triển khai dịch vụ công trực tuyến toàn trình đối với thủ tục đủ điều kiện",
        "SKHCN",
        ["VPUB"],
        "Danh mục dịch vụ công",
        "09-30",
    ),
    (
        "to-chuc-bo-may",
        "Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn sau hợp nhất",
        "SNV",
        [],
        "Đề án",
        "Q2",
    ),
    (
        "to-chuc-bo-may",
        "Sắp xếp đơn vị sự nghiệp công lập theo hướng tinh gọn",
        "SNV",
        ["STC"],
        "Quyết định",
        "10-31",
    ),
    (
        "cong-vu",
        "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm {y}",
        "SNV",
        [],
        "Báo cáo",
        "12-15",
    ),
    (
        "cong-vu",
        "Cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức vào Cơ sở dữ liệu quốc gia",
        "SNV",
        [],
        "Dữ liệu được cập nhật",
        "TX",
    ),
    (
        "cong-vu",
        "Bồi dưỡng kỹ năng số cho công chức cấp xã sau sắp xếp",
        "SNV",
        ["SKHCN"],
        "Lớp bồi dưỡng",
        "08-31",
    ),
    (
        "tai-chinh-cong",
        "Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập giai đoạn mới",
        "STC",
        [],
        "Quyết định giao tự chủ",
        "Q3",
    ),
    (
        "tai-chinh-cong",
        "Đẩy nhanh tiến độ giải ngân vốn đầu tư công năm {y}",
        "STC",
        ["SXD"],
        "Báo cáo giải ngân",
        "12-31",
    ),
    (
        "chinh-phu-so",
        "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh",
        "SKHCN",
        ["VPUB"],
        "Hệ thống được nâng cấp",
        "07-31",
    ),
    (
        "chinh-phu-so",
        "Kết nối, chia sẻ dữ liệu dân cư phục vụ giải quyết thủ tục hành chính",
        "SKHCN",
        [],
        "Dữ liệu được kết nối",
        "Q4",
    ),
    (
        "chinh-phu-so",
        "Sử dụng chữ ký số trong xử lý văn bản điện tử tại các cơ quan",
        "VPUB",
        [],
        "Tỷ lệ văn bản ký số",
        "TX",
    ),
    (
        "tuyen-truyen",
        "Tuyên truyền cải cách hành chính trên báo, đài và cổng thông tin điện tử",
        "SVHTTDL",
        ["SNV"],
        "Tin, bài tuyên truyền",
        "TX",
    ),
    (
        "tuyen-truyen",
        "Tổ chức Cuộc thi tìm hiểu về cải cách hành chính năm {y}",
        "SNV",
        ["SVHTTDL"],
        "Cuộc thi",
        "10-15",
    ),
    (
        "kiem-tra",
        "Kiểm tra việc thực hiện quy tắc ứng xử tại Bộ phận Một cửa",
        "SNV",
        ["TTPVHCC"],
        "Báo cáo kiểm tra",
        "Q4",
    ),
]
COMMUNE_TASKS = [
    ("tthc", "Niêm yết, công khai thủ tục hành chính tại Bộ phận Một cửa xã", "MM-05-31"),
    ("chinh-phu-so", "Số hóa sổ hộ tịch lưu trữ tại xã", "MM-09-30"),
    ("cong-vu", "Đánh giá công chức cấp xã theo kết quả thực hiện nhiệm vụ", "MM-12-15"),
]


def is_loaded() -> bool:
    return Plan.objects.filter(is_sample=True).exists()


def _unit(code: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=f"{P}-{code}").first()


def _deadline(spec: str, year: int) -> tuple[str, dt.date | None, int | None]:
    if spec == "TX":
        return "recurring", None, None
    if spec.startswith("Q"):
        return "quarter", None, int(spec[1])
    month, day = spec[-5:].split("-")
    return "date", dt.date(year, int(month), int(day)), None


def _progress(rng: random.Random, task, today: dt.date, plan_year: int) -> None:  # type: ignore[no-untyped-def]
    """Varied progress: accepted on time, late, pending review, returned, in progress, none."""
    if task.is_recurring:
        for key, end in (
            ("q1", dt.date(plan_year, 3, 31)),
            ("h1", dt.date(plan_year, 6, 30)),
            ("m9", dt.date(plan_year, 9, 30)),
        ):
            if end < today and rng.random() < 0.8:
                u = services.update_create(
                    actor=None,
                    task=task,
                    status="completed",
                    text="Đã thực hiện trong kỳ" + NOTE,
                    reported_on=end,
                    period_key=key,
                    is_sample=True,
                )
                services.update_review(actor=None, update=u, accept=True)
        return
    roll = rng.random()
    start = min(task.deadline, today) - dt.timedelta(days=40)
    if start > today or roll < 0.12:
        return  # not started
    services.update_create(
        actor=None,
        task=task,
        status="in_progress",
        percent=rng.choice([20, 40, 60]),
        text="Đang triển khai thực hiện" + NOTE,
        reported_on=max(start, dt.date(plan_year, 1, 15)),
        is_sample=True,
    )
    if roll < 0.3:
        return
    done_on = task.deadline + dt.timedelta(days=rng.choice([-20, -5, 0, 0, 10, 25]))
    if done_on > today:
        return
    u = services.update_create(
        actor=None,
        task=task,
        status="completed_late" if done_on > task.deadline else "completed",
        text="Đã hoàn thành, kèm văn bản báo cáo kết quả" + NOTE,
        reported_on=done_on,
        completed_on=done_on,
        is_sample=True,
    )
    if roll < 0.38:
        return  # awaiting review
    if roll < 0.44:
        services.update_review(
            actor=None, update=u, accept=False, comment="Đề nghị bổ sung tài liệu kiểm chứng" + NOTE
        )
        return
    services.update_review(actor=None, update=u, accept=True, comment="")


def load(*, seed: int) -> str:
    rng = random.Random(seed)
    today = dt.date.today()
    province = OrgUnit.objects.get(code=P)
    areas = {a.code: a for a in PlanArea.objects.all()}
    commune_member = Membership.objects.filter(user__username="xa.dakmai").select_related("unit").first()
    commune = commune_member.unit if commune_member else None
    count = 0
    plans = []
    for year in (today.year - 1, today.year):
        plan = services.plan_create(
            actor=None,
            issuing_unit=province,
            year=year,
            title=f"Kế hoạch cải cách hành chính năm {year} của tỉnh{NOTE}",
            doc_number=f"{rng.randint(2, 40):02d}/KH-UBND",
            doc_date=dt.date(year, 1, rng.randint(5, 25)),
            legal_basis=(
                "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ; "
                "Kế hoạch CCHC giai đoạn 2021–2030 của tỉnh"
            ),
            is_sample=True,
        )
        tasks = []
        for index, (area, title, lead, coord, output, spec) in enumerate(TASKS, start=1):
            lead_unit = _unit(lead) or province
            kind, deadline, quarter = _deadline(spec, year)
            tasks.append(
                services.task_create(
                    actor=None,
                    plan=plan,
                    area=areas[area],
                    title=title.format(y=year),
                    lead_unit=lead_unit,
                    coordinating_units=[u for c in coord if (u := _unit(c))],
                    output=output,
                    deadline_kind=kind,
                    deadline=deadline,
                    quarter=quarter,
                    number=str(index),
                    added_on=dt.date(year, 1, 10),
                    par_index_code=rng.choice(["", "1.1", "3.2.1", "6.1"]),
                    is_sample=True,
                )
            )
        services.plan_approve(actor=None, plan=plan)
        for task in tasks:
            _progress(rng, task, today, year)
        count += len(tasks)
        plans.append(plan)
        if year == today.year:
            # A change against the baseline: one task added, one deadline moved, one cancelled.
            services.task_create(
                actor=None,
                plan=plan,
                area=areas["tthc"],
                title="Triển khai Bộ phận Một cửa một cấp tại các xã mới sáp nhập",
                lead_unit=_unit("TTPVHCC") or province,
                deadline=dt.date(year, 12, 20),
                number=str(len(TASKS) + 1),
                added_on=dt.date(year, 7, 1),
                is_sample=True,
                reason="Bổ sung theo chỉ đạo của UBND tỉnh" + NOTE,
            )
            services.task_update(
                actor=None,
                task=tasks[4],
                deadline=dt.date(year, 9, 30),
                reason="Lùi thời hạn theo đề nghị của Sở Tư pháp" + NOTE,
            )
            services.task_cancel(
                actor=None,
                task=tasks[12],
                reason="Đã thực hiện lồng ghép trong Đề án sắp xếp" + NOTE,
                on=dt.date(year, 8, 1),
            )
            count += 1
        for code in ("STP", "SNV"):
            unit = _unit(code)
            if unit is None:
                continue
            derived = services.plan_create(
                actor=None,
                issuing_unit=unit,
                year=year,
                parent=plan,
                is_sample=True,
                title=f"Kế hoạch cải cách hành chính năm {year} của {unit.name}{NOTE}",
                doc_number=f"{rng.randint(1, 30):02d}/KH-{unit.abbreviation or code}",
            )
            t = services.task_create(
                actor=None,
                plan=derived,
                area=areas["tuyen-truyen"],
                lead_unit=unit,
                number="1",
                title=f"Phổ biến Kế hoạch CCHC năm {year} đến công chức, viên chức của {unit.name}",
                deadline=dt.date(year, 2, 28),
                added_on=dt.date(year, 1, 20),
                is_sample=True,
            )
            services.plan_approve(actor=None, plan=derived)
            _progress(rng, t, today, year)
            count += 1
        if commune is not None:
            cplan = services.plan_create(
                actor=None,
                issuing_unit=commune,
                year=year,
                parent=plan,
                is_sample=True,
                title=f"Kế hoạch cải cách hành chính năm {year} của {commune.name}{NOTE}",
            )
            for i, (area, title, spec) in enumerate(COMMUNE_TASKS, start=1):
                kind, deadline, quarter = _deadline(spec, year)
                t = services.task_create(
                    actor=None,
                    plan=cplan,
                    area=areas[area],
                    lead_unit=commune,
                    number=str(i),
                    title=title,
                    deadline_kind=kind,
                    deadline=deadline,
                    quarter=quarter,
                    added_on=dt.date(year, 1, 20),
                    is_sample=True,
                )
                count += 1
            services.plan_approve(actor=None, plan=cplan)
            for t in cplan.tasks.all():
                _progress(rng, t, today, year)
    _programme(rng, province, today)
    _meetings(rng, province, plans[-1], areas, today)
    return f"Kế hoạch CCHC mẫu: {len(plans)} năm, {count} nhiệm vụ, 1 chương trình chỉ tiêu, 4 cuộc họp"


def _programme(rng: random.Random, province: OrgUnit, today: dt.date) -> None:
    prog = targets.programme_create(
        actor=None,
        issuing_unit=province,
        is_sample=True,
        start_year=2021,
        end_year=2030,
        title="Chương trình cải cách hành chính tỉnh giai đoạn 2021–2030" + NOTE,
        doc_number="15/NQ-HĐND",
        doc_date=dt.date(2021, 12, 10),
    )
    specs = [
        ("Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến", "%", 30, 80, "ge", "TTPVHCC"),
        ("Tỷ lệ hồ sơ được số hóa kết quả giải quyết", "%", 40, 100, "ge", "TTPVHCC"),
        ("Mức độ hài lòng của người dân, doanh nghiệp (SIPAS)", "%", 80, 95, "ge", "SNV"),
        ("Tỷ lệ thủ tục hành chính được cắt giảm thời gian giải quyết", "%", 20, 50, "ge", "VPUB"),
        ("Số ngày giải quyết thủ tục đầu tư bình quân", "ngày", 15, 7, "le", "SKHCN"),
        ("Tỷ lệ văn bản điện tử có ký số", "%", 70, 100, "ge", "VPUB"),
        ("Tỷ lệ đơn vị sự nghiệp tự chủ tài chính", "%", 15, 30, "ge", "STC"),
        ("Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn", "%", 85, 100, "ge", "SNV"),
        ("Số hồ sơ trễ hạn trên 1.000 hồ sơ", "hồ sơ", 25, 5, "le", "TTPVHCC"),
        ("Chỉ số PAR INDEX của tỉnh", "%", 82, 90, "ge", "SNV"),
    ]
    for i, (name, uom, base, end, direction, unit) in enumerate(specs, start=1):
        t = targets.target_create(
            actor=None,
            programme=prog,
            name=name,
            unit_of_measure=uom,
            number=str(i),
            baseline_value=Decimal(base),
            baseline_year=2020,
            end_value=Decimal(end),
            direction=direction,
            responsible_unit=_unit(unit),
        )
        for year in range(2021, min(today.year, 2030) + 1):
            share = Decimal(year - 2020) / 10
            planned = (Decimal(base) + (Decimal(end) - Decimal(base)) * share).quantize(Decimal("0.01"))
            actual = None
            if year < today.year:
                actual = (planned + Decimal(rng.choice([-4, -2, 0, 1, 3]))).quantize(Decimal("0.01"))
            targets.target_value_set(
                actor=None,
                target=t,
                year=year,
                planned=planned,
                actual=actual,
                source=f"Báo cáo CCHC năm {year} của UBND tỉnh{NOTE}" if actual is not None else "",
            )


def _meetings(
    rng: random.Random, province: OrgUnit, plan: Plan, areas: dict[str, PlanArea], today: dt.date
) -> None:
    year = plan.year
    specs = [
        ("steering", "Hội nghị Ban Chỉ đạo cải cách hành chính tỉnh quý I", dt.date(year, 3, 20)),
        ("briefing", "Giao ban công tác cải cách hành chính 6 tháng đầu năm", dt.date(year, 7, 8)),
        (
            "thematic",
            "Họp chuyên đề về chuyển đổi số trong giải quyết thủ tục hành chính",
            dt.date(year, 9, 12),
        ),
        ("review", "Hội nghị sơ kết 9 tháng công tác cải cách hành chính", dt.date(year, 10, 5)),
    ]
    for i, (kind, title, day) in enumerate(specs, start=1):
        day = min(day, today)
        meeting = meetings.meeting_create(
            actor=None,
            unit=province,
            date=day,
            title=title + NOTE,
            kind=kind,
            is_sample=True,
            chair="Phó Chủ tịch UBND tỉnh",
            attendees=rng.randint(40, 120),
            online_sites=rng.randint(0, 60),
            notice_number=f"{100 + i * 17}/TB-UBND",
        )
        conclusion = meetings.conclusion_add(
            actor=None,
            meeting=meeting,
            number="1",
            text="Yêu cầu các sở, ngành khẩn trương hoàn thành các nhiệm vụ còn chậm tiến độ.",
        )
        lead = _unit(rng.choice(["SNV", "STP", "SKHCN", "VPUB"])) or province
        meetings.conclusion_assign_task(
            actor=None,
            conclusion=conclusion,
            plan=plan,
            area=areas["chi-dao-dieu-hanh"],
            who=lead,
            is_sample=True,
            what=f"Tham mưu khắc phục hạn chế nêu tại Thông báo kết luận số {meeting.notice_number}",
            by_when=day + dt.timedelta(days=45),
            expected_result="Báo cáo kết quả khắc phục",
            responsibility=f"Người đứng đầu {lead.name}",
        )
    # A commune-level briefing, so the meeting counts show both levels.
    member = Membership.objects.filter(user__username="xa.dakmai").select_related("unit").first()
    if member is not None:
        meetings.meeting_create(
            actor=None,
            unit=member.unit,
            date=min(dt.date(year, 4, 15), today),
            title=f"Giao ban công tác cải cách hành chính quý I của {member.unit.name}{NOTE}",
            kind="briefing",
            level="commune",
            is_sample=True,
            chair=f"Chủ tịch UBND {member.unit.name}",
            attendees=rng.randint(15, 30),
        )
