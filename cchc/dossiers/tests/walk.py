"""Scope-walk classification of the dossier routes (see tests/walk_support.py).

The in-scope dossier belongs to SNV; each persona's out-of-scope dossier belongs to
`ctx.unit_outside[persona]`. Lists, statistics and 766 scores are filtered to the caller's scope
(200 for everyone signed in); calendar and catalogue changes need MANAGE_UNITS; imports need
WRITE somewhere.
"""

from __future__ import annotations

from decimal import Decimal

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
    everyone,
    form_page,
    post_only,
    row,
    same_for_all,
)

DOSSIER = Kind("dossier")
CALENDAR_DAY = Kind("calendar_day", scoped=False)  # province-wide reference data
E422 = 422

PARAM_KINDS: dict[tuple[str, str], Param] = {
    ("dossiers", "pk"): DOSSIER,
    ("dossiers", "fmt"): Fixed("csv"),
    ("*", "dossier_id"): DOSSIER,
}

YEAR = {"year": "2025"}
# Persona order: anonymous, nobody, province_admin, dept_officer, commune_officer, appraiser,
#                leader, outsider, system_admin
MANAGERS = (LOGIN, E403, OK, E403, E403, E403, E403, E403, OK)
WRITERS = (LOGIN, E403, OK, OK, OK, E403, E403, OK, OK)
SNV_READERS = (LOGIN, E404, OK, OK, E404, OK, OK, E404, OK)

# fmt: off
EXPECTED: dict[str, Rule] = {
    "dossiers:list":                 same_for_all(LOGIN, OK),  # the caller's scope only
    "dossiers:detail":               row(*SNV_READERS),
    "dossiers:import":               form_page(*WRITERS),  # an empty POST: the form again
    "dossiers:import_sample":        same_for_all(LOGIN, OK),  # a fictitious sample file
    "dossiers:statistics":           same_for_all(LOGIN, OK),
    "dossiers:statistics_export":    same_for_all(LOGIN, OK),
    "dossiers:reported":             same_for_all(LOGIN, OK, post=everyone(LOGIN, OK)),
    "dossiers:decision766":          same_for_all(LOGIN, OK),
    "dossiers:indicator_values":     same_for_all(LOGIN, OK, post=everyone(LOGIN, OK)),  # the form again
    "dossiers:procedures":           same_for_all(LOGIN, OK),  # reference data
    "dossiers:procedure_import":     form_page(*MANAGERS),
    "dossiers:procedure_export":     same_for_all(LOGIN, OK),
    "dossiers:calendar":             same_for_all(LOGIN, OK, post=MANAGERS),
    "dossiers:calendar_day_delete":  post_only(LOGIN, E403, R302, E403, E403, E403, E403, E403, R302,
                                               params={"pk": CALENDAR_DAY}),
    "GET /api/dossiers":             same_for_all(E401, OK),
    "GET /api/dossiers/statistics":  same_for_all(E401, OK, query=YEAR),
    "GET /api/dossiers/decision-766": same_for_all(E401, OK, query=YEAR),
    # Writers get 422 (no file in the request); others are refused before the file is read.
    "POST /api/dossiers/import":     row(E401, E403, E422, E422, E422, E403, E403, E422, E422),
    "GET /api/dossiers/{dossier_id}": row(E401, E404, OK, OK, E404, OK, OK, E404, OK),
}
# fmt: on


def build(ctx: WorldContext) -> None:
    from cchc.dossiers.models import CalendarDay
    from cchc.dossiers.tests.factories import at, dossier, procedure

    proc = procedure("WALK.01", processing_time=Decimal(3))

    def make(unit, code):  # type: ignore[no-untyped-def]
        return dossier(unit=unit, proc=proc, received=at(2025, 3, 3), due=at(2025, 3, 6), code=code)

    ctx.in_scope[DOSSIER] = make(ctx.province.snv, "HS-SNV-WALK")
    ctx.out_of_scope[DOSSIER] = {
        persona: make(unit, f"HS-NGOAI-{persona}") for persona, unit in ctx.unit_outside.items()
    }
    ctx.in_scope[CALENDAR_DAY] = CalendarDay.objects.get(date="2025-09-02")
