"""Scope-walk rows of the PAR INDEX screens and API (see tests/walk_support.py).

The world: a cycle of the test province in self-assessment with SNV and STC taking part (the
objects in scope are SNV's sheet, its answer to 2.1 and one document; the appraiser is assigned
SNV's domain 2), a cycle of another province (the objects out of scope for the province-wide
personas), and a published cycle for the public pages.
"""

from __future__ import annotations

from typing import Any

from tests.walk_support import (
    E401,
    E403,
    E404,
    LOGIN,
    OK,
    R302,
    Fixed,
    Kind,
    Param,
    Rule,
    WorldContext,
    form_page,
    post_only,
    row,
    same_for_all,
)

CYCLE = Kind("par_cycle")
ASSESSMENT = Kind("par_assessment")
ANSWER = Kind("par_answer")
EVIDENCE = Kind("par_evidence")
PUBLISHED = Kind("par_published", scoped=False)  # public data
PUBLISHED_GROUP = Kind("par_published_group", scoped=False)
PUBLISHED_UNIT = Kind("par_published_unit", scoped=False)

C: dict[str, Param] = {"pk": CYCLE}
S: dict[str, Param] = {"pk": ASSESSMENT}
A: dict[str, Param] = {"pk": ANSWER}
D: dict[str, Param] = {"pk": EVIDENCE}
PUB: dict[str, Param] = {
    "pk": PUBLISHED,
    "cycle_id": PUBLISHED,
    "group_id": PUBLISHED_GROUP,
    "unit_pk": PUBLISHED_UNIT,
    "fmt": Fixed("csv"),
}

PARAM_KINDS: dict[tuple[str, str], Param] = {
    ("api", "cycle_id"): CYCLE,
    ("api", "assessment_id"): ASSESSMENT,
    ("api", "answer_id"): ANSWER,
}

# fmt: off
# Persona order: anonymous, nobody, province_admin, dept_officer, commune_officer, appraiser, leader,
#                outsider, system_admin. The commune takes no part: the cycle is not theirs (404).
MANAGERS = (LOGIN, E403, OK, E403, E403, E403, E403, E403, OK)
SEES_CYCLE = (LOGIN, E404, OK, OK, E404, OK, OK, OK, OK)
RUNS_CYCLE = (LOGIN, E404, OK, E403, E404, E403, E403, E403, OK)
RUNS_CYCLE_POST = (LOGIN, E404, R302, E403, E404, E403, E403, E403, R302)
PROVINCE_READERS = (LOGIN, E404, OK, E403, E404, OK, OK, E403, OK)
APPRAISAL = (LOGIN, E404, OK, E403, E404, OK, E403, E403, OK)
SEES_SNV = (LOGIN, E404, OK, OK, E404, OK, OK, E404, OK)
WRITES_SNV = (LOGIN, E404, R302, R302, E404, E403, E403, E404, R302)
APPROVES_SNV = (LOGIN, E404, R302, E403, E404, E403, E403, E404, R302)
MANAGES_SNV = (LOGIN, E404, R302, E403, E404, E403, E403, E404, R302)
APPRAISES_SNV = (LOGIN, E404, OK, E403, E404, OK, E403, E404, OK)
ASSIGNED_ONLY = (LOGIN, E404, E403, E403, E404, R302, E403, E404, E403)
P = "/api/par-index"
API_RUNS_CYCLE = (E401, E404, OK, E403, E404, E403, E403, E403, OK)
API_SEES_SNV = (E401, E404, OK, OK, E404, OK, OK, E404, OK)
SAVE = {"declared": {"points": "1"}, "version": 1}
ACCEPT = {"decision": "accept", "version": 1}  # the cycle is not in an appraisal round: 422
EXPLAIN = {"response": "Giải trình", "version": 1}  # not in the explanation window: 422

EXPECTED: dict[str, Rule] = {
    "assessments:cycle_list":             same_for_all(LOGIN, OK),  # the caller's cycles
    "assessments:cycle_create":           form_page(*MANAGERS),
    "assessments:cycle_detail":           row(*SEES_CYCLE, params=C),
    "assessments:cycle_edit":             form_page(*RUNS_CYCLE, params=C),
    "assessments:cycle_framework_add":    post_only(*RUNS_CYCLE_POST, params=C),
    "assessments:cycle_participants_add": post_only(*RUNS_CYCLE_POST, params=C),
    "assessments:cycle_action":           post_only(*RUNS_CYCLE_POST, params=C),
    "assessments:publication_correct":    post_only(*RUNS_CYCLE_POST, params=C),
    "assessments:cycle_results":          row(*PROVINCE_READERS, params=C),
    "assessments:appraisal_dashboard":    row(*APPRAISAL, params=C),
    "assessments:assignments":            row(*RUNS_CYCLE, params=C, post=RUNS_CYCLE_POST),
    "assessments:sheet":                  row(*SEES_SNV, params=S),
    "assessments:sheet_submit":           post_only(*APPROVES_SNV, params=S),
    "assessments:sheet_extend":           post_only(*MANAGES_SNV, params=S),
    "assessments:evidence_upload":        post_only(*WRITES_SNV, params=S),
    "assessments:appraisal_sheet":        row(*APPRAISES_SNV, params=S),
    "assessments:answer_save":            post_only(*WRITES_SNV, params=A),
    "assessments:answer_explain":         post_only(*WRITES_SNV, params=A),
    "assessments:answer_appraise":        post_only(*ASSIGNED_ONLY, params=A),
    "assessments:evidence_download":      row(*SEES_SNV, params=D),
    "assessments:evidence_delete":        post_only(*WRITES_SNV, params=D),
    # Public pages: published data, no sign-in.
    "public:index":                       same_for_all(OK, OK),
    "public:cycle":                       same_for_all(OK, OK, params=PUB),
    "public:download":                    same_for_all(OK, OK, params=PUB),
    "public:ranking_word":                same_for_all(OK, OK, params=PUB),
    "public:scorecard":                   same_for_all(OK, OK, params=PUB),
    "public:scorecard_word":              same_for_all(OK, OK, params=PUB),
    # API (the prefix /api/par-index is left out of the constants below)
    "GET /api/par-index/cycles":                    same_for_all(E401, OK),
    f"GET {P}/cycles/{{cycle_id}}":                  row(E401, E404, OK, OK, E404, OK, OK, OK, OK),
    f"POST {P}/cycles/{{cycle_id}}/advance":         row(*API_RUNS_CYCLE),
    f"GET {P}/cycles/{{cycle_id}}/results":          row(E401, E404, OK, E403, E404, OK, OK, E403, OK),
    f"GET {P}/assessments/{{assessment_id}}":        row(*API_SEES_SNV),
    f"POST {P}/assessments/{{assessment_id}}/submit": row(E401, E404, 422, E403, E404, E403, E403, E404, 422),
    f"GET {P}/assessments/{{assessment_id}}/evidence": row(*API_SEES_SNV),
    f"PUT {P}/answers/{{answer_id}}":                row(E401, E404, OK, OK, E404, E403, E403, E404, OK,
                                                        body=SAVE),
    f"POST {P}/answers/{{answer_id}}/appraise":      row(E401, E404, E403, E403, E404, 422, E403, E404, E403,
                                                        body=ACCEPT),
    f"POST {P}/answers/{{answer_id}}/explain":       row(E401, E404, 422, 422, E404, E403, E403, E404, 422,
                                                        body=EXPLAIN),
    "GET /api/public/par-index":                    same_for_all(OK, OK),
    "GET /api/public/par-index/{cycle_id}":         same_for_all(OK, OK, params=PUB),
}
# fmt: on


def build(ctx: WorldContext) -> None:
    from cchc.assessments import services
    from cchc.assessments.models import Assessment
    from cchc.assessments.tests.factories import make_framework, pdf_upload
    from cchc.scoring.models import Criterion

    p = ctx.province
    fw = make_framework(code="walk-2025")

    def cycle(owner: Any, name: str, types: list[Any], units: list[Any], year: int = 2025) -> Any:
        c = services.cycle_create(actor=None, owner=owner, year=year, name=name)
        entry = services.cycle_framework_add(actor=None, cycle=c, framework=fw, name="Nhóm", unit_types=types)
        services.cycle_participants_add(actor=None, cycle=c, units=units)
        c = services.cycle_open(actor=None, cycle=c)
        return c, entry

    mine, _entry = cycle(p.province, "Đợt kiểm tra phạm vi", [p.types["so"]], [p.snv, p.stc])
    theirs, _other_entry = cycle(ctx.other, "Đợt của tỉnh khác", [p.types["tinh"]], [ctx.other])
    sheets = {
        a.unit_id: a for a in Assessment.objects.filter(cycle__in=[mine, theirs]).select_related("unit")
    }
    answers = {uid: a.answers.get(criterion__code="2.1") for uid, a in sheets.items()}
    documents = {
        uid: services.evidence_upload(
            actor=None,
            assessment=a,
            upload=pdf_upload(),
            title=f"Tài liệu {a.unit.code}",
            answers=[answers[uid]],
        )
        for uid, a in sheets.items()
    }
    services.assignment_set(
        actor=None,
        assessment=sheets[p.snv.pk],
        domain=Criterion.objects.get(framework=fw, code="2"),
        appraiser=ctx.personas.appraiser,
    )
    published, published_entry = cycle(
        p.province, "Đợt đã công bố", [p.types["so"]], [p.snv, p.stc], year=2024
    )
    for _ in range(3):
        services.cycle_advance(actor=None, cycle=published)
    services.cycle_publish(actor=None, cycle=published)

    def outside(objects: dict[int, Any]) -> dict[str, Any]:
        return {persona: objects[unit.pk] for persona, unit in ctx.unit_outside.items() if unit.pk in objects}

    ctx.in_scope.update(
        {
            CYCLE: mine,
            ASSESSMENT: sheets[p.snv.pk],
            ANSWER: answers[p.snv.pk],
            EVIDENCE: documents[p.snv.pk],
            PUBLISHED: published,
            PUBLISHED_GROUP: published_entry,
            PUBLISHED_UNIT: p.snv,
        }
    )
    ctx.out_of_scope[CYCLE] = {persona: theirs for persona in ctx.unit_outside}
    ctx.out_of_scope[ASSESSMENT] = outside(sheets)
    ctx.out_of_scope[ANSWER] = outside(answers)
    ctx.out_of_scope[EVIDENCE] = outside(documents)
