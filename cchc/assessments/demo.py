"""Sample PAR INDEX cycles (dữ liệu mẫu) on the sample frameworks (cchc/scoring/demo.py, ORDER=20):

- "Đánh giá Chỉ số CCHC năm 2024": every sở/ban and commune scored, appraised in two rounds with
  explanations, and published (the year-on-year reference);
- "Đánh giá Chỉ số CCHC năm 2025": self-assessed and submitted, round 1 done, explanations sent, round 2
  under way (the appraisal screens have something to show), with generated PDF evidence for Sở Tư pháp
  and Xã Đắk Mai.

Phase changes, submissions, evidence and publication go through the services (audited). The
thousands of answer values are written in bulk: one service call (and audit event) per answer would
make the sample take minutes, and they are generated data, not anyone's decision.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from cchc.assessments import frameworks, services
from cchc.assessments.models import Answer, Assessment, Assignment, Cycle
from cchc.orgunits.models import OrgUnit, UnitGroup, UnitType
from cchc.scoring import rules
from cchc.scoring.models import Framework
from cchc.scoring.tree import Node

ORDER = 30
NOTE = " (dữ liệu mẫu)"
EXPLANATIONS = [
    "Căn cứ báo cáo CCHC năm và số liệu theo dõi của đơn vị.",
    "Theo kế hoạch và báo cáo kết quả thực hiện đã gửi Sở Nội vụ.",
    "Số liệu tổng hợp từ hệ thống một cửa điện tử của đơn vị.",
]
R1_COMMENTS = [
    "Tài liệu kiểm chứng chưa thể hiện đủ kết quả; đề nghị bổ sung.",
    "Báo cáo ban hành sau thời hạn quy định.",
    "Số liệu kê khai chưa khớp với báo cáo định kỳ.",
]
RESPONSES = [
    "Đơn vị bổ sung báo cáo quý IV và văn bản chỉ đạo liên quan.",
    "Văn bản đã ban hành đúng hạn, đính kèm bản chụp sổ công văn đi.",
    "Đã rà soát, số liệu đúng theo báo cáo gửi UBND tỉnh.",
]
PHASES_2024 = ("2025-01-15", "2025-02-15", "2025-02-28", "2025-03-15", "2025-03-31")
PHASES_2025 = ("2026-10-15", "2026-11-10", "2026-11-20", "2026-12-10", "2026-12-31")


def is_loaded() -> bool:
    return Cycle.objects.filter(is_sample=True).exists()


@transaction.atomic
def load(*, seed: int) -> str:
    province = OrgUnit.objects.filter(parent__isnull=True, is_sample=True).order_by("pk").first()
    sample = {f.code: f for f in Framework.objects.filter(is_sample=True)}
    if province is None or not {"so-ban-nganh-2024", "xa-phuong-2024"} <= set(sample):
        return "Chỉ số CCHC: chưa có bộ tiêu chí mẫu, bỏ qua đợt đánh giá mẫu"
    appraiser = get_user_model().objects.filter(username="thamdinh").first()
    rng = random.Random(seed)
    quality: dict[int, float] = {}  # unit id → how well it does, the same both years (plus a trend)
    last = _cycle(province, 2024, sample, PHASES_2024)
    _run(last, rng, quality, appraiser, year_trend=0.0, finish=True)
    # The 2025 deadlines are set afterwards: the sample's evidence is "uploaded" before them.
    this = _cycle(province, 2025, sample, ())
    _run(this, rng, quality, appraiser, year_trend=0.03, finish=False)
    services.cycle_update(actor=None, cycle=this, **_deadlines(PHASES_2025))
    units = this.assessments.count()
    return f"Chỉ số CCHC: 2 đợt đánh giá mẫu ({units} đơn vị; 2024 đã công bố, 2025 đang thẩm định vòng 2)"


def _cycle(province: OrgUnit, year: int, sample: dict[str, Framework], phases: tuple[str, ...]) -> Cycle:
    deadlines = _deadlines(phases) if phases else {}
    cycle = services.cycle_create(
        actor=None,
        owner=province,
        year=year,
        name=f"Đánh giá Chỉ số CCHC năm {year}{NOTE}",
        is_sample=True,
        bonus_cap=Decimal("2.00"),
        penalty_cap=Decimal("3.00"),
        **deadlines,
    )
    group = UnitGroup.objects.filter(group_set__code="xep-hang-cchc", code="so-ban-nganh").first()
    types = {t.code: t for t in UnitType.objects.all()}
    if f"so-ban-nganh-{year}" in sample:
        services.cycle_framework_add(
            actor=None,
            cycle=cycle,
            framework=sample[f"so-ban-nganh-{year}"],
            name="Sở, ban, ngành",
            unit_group=group,
            unit_types=[types[c] for c in ("so", "ban") if c in types],
            sort_order=10,
        )
    if f"xa-phuong-{year}" in sample:
        services.cycle_framework_add(
            actor=None,
            cycle=cycle,
            framework=sample[f"xa-phuong-{year}"],
            name="Xã, phường, đặc khu",
            unit_types=[types[c] for c in ("xa", "phuong", "dac-khu") if c in types],
            sort_order=20,
        )
    services.cycle_participants_add(actor=None, cycle=cycle)
    return services.cycle_open(actor=None, cycle=cycle)


def _deadlines(phases: tuple[str, ...]) -> dict[str, dt.date]:
    names = (
        "self_deadline",
        "appraisal1_deadline",
        "explanation_deadline",
        "appraisal2_deadline",
        "publication_deadline",
    )
    return {name: dt.date.fromisoformat(day) for name, day in zip(names, phases, strict=True)}


def _run(
    cycle: Cycle,
    rng: random.Random,
    quality: dict[int, float],
    appraiser: Any,
    *,
    year_trend: float,
    finish: bool,
) -> None:
    assessments = list(cycle.assessments.select_related("unit", "cycle_framework"))
    trees = frameworks.load_trees({a.cycle_framework.framework_id for a in assessments})
    for a in assessments:
        quality.setdefault(a.unit_id, rng.uniform(0.62, 0.97))
    nodes = {n.id: n for tree in trees.values() for n in tree.nodes}
    unit_of = {a.pk: a.unit_id for a in assessments}
    now = timezone.now()
    # Every answer's self, round-1, explanation and round-2 values are generated in memory and the
    # blank sheets opening created are replaced in one bulk insert (bulk_update of thousands of rows
    # is slow); the phase changes below still go through the services.
    answers = list(Answer.objects.filter(assessment__cycle=cycle).order_by("pk"))
    done_units = {a.pk for a in assessments if finish or rng.random() < 0.4}
    explained: set[int] = set()
    for answer in answers:
        node = nodes[answer.criterion_id]
        q = min(0.99, quality[unit_of[answer.assessment_id]] + year_trend)
        if node.method != "survey":
            _self_score(answer, node, q, rng)
        _round1(answer, node, q, rng, appraiser, now)
        if answer.r1_decision == Answer.Decision.ADJUST and node.method != "survey" and rng.random() < 0.6:
            answer.response, answer.response_at = rng.choice(RESPONSES) + NOTE, now
            explained.add(answer.assessment_id)
        if answer.assessment_id in done_units:
            _round2(answer, rng, appraiser, now)
    Answer.objects.filter(assessment__cycle=cycle).delete()
    Answer.objects.bulk_create(answers, batch_size=1000)
    services.answers_refresh_auto(actor=None, cycle=cycle)
    if cycle.year == 2025:
        _evidence(cycle)
    for a in assessments:
        services.assessment_submit(actor=None, assessment=a)
    services.cycle_advance(actor=None, cycle=cycle)  # → appraisal round 1
    if appraiser is not None:
        Assignment.objects.bulk_create(
            [
                Assignment(cycle=cycle, assessment=a, domain_id=d.id, appraiser=appraiser)
                for a in assessments
                for d in trees[a.cycle_framework.framework_id].roots
            ]
        )
    services.cycle_advance(actor=None, cycle=cycle)  # → explanation
    services.cycle_advance(actor=None, cycle=cycle)  # → appraisal round 2
    Assessment.objects.filter(pk__in=explained).update(explanation_submitted_at=now)
    if finish:
        services.cycle_publish(actor=None, cycle=cycle)
    else:
        services.results_recompute(actor=None, cycle=cycle)


def _value(field: Any, node: Node, q: float, rng: random.Random) -> Any:
    params = node.rule_params
    if field.kind == "bool":
        return rng.random() < q + 0.1
    if field.kind == "date":
        deadline = (
            dt.date.fromisoformat(params["deadline"]) if params.get("deadline") else dt.date(2025, 3, 31)
        )
        return (deadline + dt.timedelta(days=rng.randint(-25, 2 + int(20 * (1 - q))))).isoformat()
    if field.kind == "percent":
        return str(round(max(0.0, min(100.0, q * 100 + rng.uniform(-12, 8))), 1))
    if field.kind == "count":
        if node.rule_type == "deduction" or node.kind == "penalty":
            return str(int(rng.random() * (1 - q) * 6))
        return str(rng.randint(0, 3))
    if field.name == "points":
        return str(round(float(node.max_points) * max(0.0, min(1.0, q + rng.uniform(-0.15, 0.05))), 2))
    return str(round(rng.uniform(0, 100) * q, 1))


def _self_score(answer: Answer, node: Node, q: float, rng: random.Random) -> None:
    fields = rules.input_fields(node.rule_type, node.rule_params)
    declared: dict[str, Any] = {}
    if any(f.name == rules.base.NA_FIELD for f in fields) and rng.random() < 0.06:
        declared = {rules.base.NA_FIELD: True}
    elif {"numerator", "denominator"} <= {f.name for f in fields}:
        total = rng.randint(8, 40)
        declared = {
            "numerator": str(min(total, round(total * min(1.0, q + rng.uniform(-0.1, 0.08))))),
            "denominator": str(total),
        }
    else:
        declared = {f.name: _value(f, node, q, rng) for f in fields if f.name != rules.base.NA_FIELD}
    try:
        result = rules.evaluate(node.rule_type, node.rule_params, node.max_points, declared)
    except ValidationError:
        declared, result = {}, rules.RuleResult(None)
    answer.declared, answer.self_points = declared, result.points
    answer.not_applicable, answer.self_note = result.not_applicable, result.note[:300]
    answer.explanation = rng.choice(EXPLANATIONS) + NOTE


def _round1(answer: Answer, node: Node, q: float, rng: random.Random, appraiser: Any, now: Any) -> None:
    answer.r1_by, answer.r1_at = appraiser, now
    if node.method == "survey":
        satisfaction = round(max(40.0, min(100.0, q * 100 + rng.uniform(-8, 6))), 1)
        result = rules.evaluate(
            node.rule_type, node.rule_params, node.max_points, {"satisfaction": str(satisfaction)}
        )
        answer.r1_decision, answer.r1_points = Answer.Decision.ADJUST, result.points
        answer.r1_comment = f"Kết quả điều tra xã hội học: {satisfaction}% hài lòng{NOTE}"
        return
    own = answer.self_points
    if own and own > 0 and rng.random() < 0.08 + (1 - q) * 0.2:
        cut = (node.max_points * Decimal(rng.choice(["0.25", "0.5", "1"]))).quantize(Decimal("0.01"))
        answer.r1_decision, answer.r1_points = Answer.Decision.ADJUST, max(Decimal(0), own - cut)
        answer.r1_comment = rng.choice(R1_COMMENTS) + NOTE
    else:
        answer.r1_decision = Answer.Decision.ACCEPT
    answer.version += 1


def _round2(answer: Answer, rng: random.Random, appraiser: Any, now: Any) -> None:
    answer.r2_by, answer.r2_at = appraiser, now
    if answer.response and rng.random() < 0.5 and answer.self_points is not None:
        answer.r2_decision, answer.r2_points = Answer.Decision.ADJUST, answer.self_points
        answer.r2_comment = "Chấp nhận giải trình và tài liệu bổ sung của đơn vị" + NOTE
    else:
        answer.r2_decision = Answer.Decision.ACCEPT
    answer.version += 1


def sample_pdf(title: str) -> bytes:
    """A small valid one-page PDF (ASCII text: the standard fonts have no Vietnamese glyphs)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 60 760 Td ({text}) Tj 0 -24 Td (Tai lieu kiem chung - du lieu mau) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


DOCUMENTS = [
    ("Kế hoạch cải cách hành chính năm 2025", "15/KH", "ke-hoach-cchc-2025.pdf", ("1.1",)),
    ("Báo cáo kết quả CCHC năm 2025", "120/BC", "bao-cao-cchc-2025.pdf", ("1.2", "1.3", "2.1")),
    ("Quyết định công bố danh mục thủ tục hành chính", "45/QĐ", "quyet-dinh-tthc.pdf", ("3.1", "3.2")),
]


def _evidence(cycle: Cycle) -> None:
    """Generated PDFs for the showcase units' sheets (Sở Tư pháp, Xã Đắk Mai)."""
    sheets = cycle.assessments.filter(unit__name__in=["Sở Tư pháp", "Xã Đắk Mai"]).select_related("unit")
    for sheet in sheets:
        answers = list(sheet.answers.select_related("criterion"))
        for title, number, filename, prefixes in DOCUMENTS:
            linked = [a for a in answers if a.criterion.code.startswith(prefixes)][:4]
            with transaction.atomic():
                services.evidence_upload(
                    actor=None,
                    assessment=sheet,
                    upload=SimpleUploadedFile(filename, sample_pdf(title)),
                    title=f"{title}{NOTE}",
                    doc_number=f"{number}-{sheet.unit.abbreviation or 'UBND'}",
                    doc_date=dt.date(2025, 12, 15),
                    answers=linked,
                )
