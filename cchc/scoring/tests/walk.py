"""Scope-walk classification of the framework pages and API (see tests/walk_support.py).

Frameworks belong to the province that issued them. In scope: a draft framework of the test
province (owner TINH) and one of its leaf criteria. Out of scope: the same objects of the other
province (ctx.other), which every persona but the system administrator must not reach (404).
Viewing needs READ anywhere in the province; changing needs APPROVE at the province root.
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
    Kind,
    Param,
    Rule,
    WorldContext,
    form_page,
    post_only,
    row,
    same_for_all,
)

FRAMEWORK = Kind("framework")
CRITERION = Kind("criterion")

PARAM_KINDS: dict[tuple[str, str], Param] = {
    ("scoring", "pk"): FRAMEWORK,
    ("*", "framework_id"): FRAMEWORK,
}

# fmt: off
# Personas: anonymous, nobody, province_admin, dept_officer, commune_officer, appraiser, leader,
# outsider, system_admin
READERS =       (LOGIN, E404, OK,   OK,   OK,   OK,   OK,   OK,   OK)
MANAGERS =      (LOGIN, E404, OK,   E403, E403, E403, E403, E403, OK)
MANAGERS_ANY =  (LOGIN, E403, OK,   E403, E403, E403, E403, E403, OK)  # no object: 403 without the right
MANAGE_POST =   (LOGIN, E404, R302, E403, E403, E403, E403, E403, R302)
API_READ =      (E401,  E404, OK,   OK,   OK,   OK,   OK,   OK,   OK)
API_CREATE =    (E401,  E403, 201,  E403, E403, E403, E403, E403, 201)
API_CLONE =     (E401,  E404, 201,  E403, E403, E403, E403, E403, 201)
C: dict[str, Param] = {"pk": CRITERION}
NEW = {"code": "walk-2026", "name": "Bộ kiểm tra 2026", "year": 2026}

EXPECTED: dict[str, Rule] = {
    "scoring:list":              same_for_all(LOGIN, OK),
    "scoring:create":            form_page(*MANAGERS_ANY),
    "scoring:import":            form_page(*MANAGERS_ANY),
    "scoring:rule_params":       row(*MANAGERS_ANY, query={"rule_type": "tiers"}),
    "scoring:detail":            row(*READERS),
    "scoring:export":            row(*READERS),
    "scoring:edit":              form_page(*MANAGERS),
    "scoring:clone":             form_page(*MANAGERS),
    "scoring:delete":            post_only(*MANAGE_POST),
    "scoring:criterion_create":  form_page(*MANAGERS),
    "scoring:criterion_edit":    form_page(*MANAGERS, params=C),
    "scoring:criterion_move":    post_only(*MANAGE_POST, params=C),
    "scoring:criterion_delete":  post_only(*MANAGE_POST, params=C),
    # --- API ---
    "GET /api/frameworks":                          same_for_all(E401, OK),
    "GET /api/frameworks/{framework_id}":           row(*API_READ),
    "POST /api/frameworks":                         row(*API_CREATE, body=NEW),
    "POST /api/frameworks/{framework_id}/clone":    row(*API_CLONE, body=NEW),
}
# fmt: on


def build(ctx: WorldContext) -> None:
    from cchc.scoring.models import Criterion
    from cchc.scoring.testing import make_framework

    ours = make_framework(code="walk-so-2025", owner=ctx.province.province)
    theirs = make_framework(code="walk-khac-2025", owner=ctx.other)
    ctx.in_scope[FRAMEWORK] = ours
    ctx.in_scope[CRITERION] = Criterion.objects.get(framework=ours, code="2.1")
    outside: dict[str, Any] = {p: theirs for p in ctx.unit_outside}
    ctx.out_of_scope[FRAMEWORK] = outside
    ctx.out_of_scope[CRITERION] = dict.fromkeys(outside, Criterion.objects.get(framework=theirs, code="2.1"))
