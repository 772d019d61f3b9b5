"""Walk every URL pattern and API operation with every persona and check the status it gets.

Every route of `config.urls` (the Vietnamese, unprefixed variant of the i18n patterns) and every
operation of the ninja API (paths and methods of its OpenAPI document; an operation hidden from
the document shows up as a page named "api:<url_name>") must be classified in `EXPECTED`, or
skipped in `SKIPPED` with a reason. A route that is not classified fails
`test_every_route_is_classified`, so no page or endpoint escapes scope review.

Each classified route is requested by every persona of `PERSONAS`:
  * in scope: path parameters name the objects of the `world` fixture (the SNV unit, the
    dept_officer account, a job dept_officer started, …) and the statuses must match the row;
  * out of scope (routes naming a scoped object): the objects are replaced by ones outside the
    persona's scope (a sibling department, another province…); signed-in personas must get a 404
    that does not show the object, anonymous callers the same as in scope;
  * rows with `post=` (form pages, POST-only views) are also POSTed, in and out of scope.
Every request runs in a rolled-back savepoint, so each persona sees the same data.

Status conventions: anonymous → 302 to the login page (pages) or 401 (API); object outside the
scope → 404; in scope (or no object) without the capability → 403; allowed → 200; GET on a
POST-only view → 405.

To classify a new route, add a row to `EXPECTED` with one status per persona, in the order of
`PERSONAS`; give `params=` when a path parameter is not covered by `PARAM_KINDS`.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from cchc.api.api import api as ninja_api
from tests.walk_support import (
    ADMIN_LOGIN,
    E401,
    E403,
    E404,
    E405,
    LOGIN,
    OK,
    PERSONAS,
    R302,
    Fixed,
    Kind,
    Param,
    Redirect,
    Row,
    Rule,
    Status,
    WorldContext,
    everyone,
    form_page,
    post_only,
    row,
    same_for_all,
)

# --- Path parameters --------------------------------------------------------------------------

# (namespace, parameter) → what it names; "*" matches any namespace. Rules may override.
PARAM_KINDS: dict[tuple[str, str], Param] = {
    ("orgunits", "pk"): Kind.UNIT,
    ("orgunits", "fmt"): Fixed("csv"),
    ("accounts", "pk"): Kind.USER,
    ("accounts", "membership_pk"): Kind.MEMBERSHIP,
    ("accounts", "uidb64"): Fixed("MQ"),
    ("accounts", "token"): Fixed("set-password"),
    ("jobs", "pk"): Kind.JOB,
    ("*", "unit_id"): Kind.UNIT,
    ("*", "user_id"): Kind.USER,
    ("*", "job_id"): Kind.JOB,
}


# --- Rules ------------------------------------------------------------------------------------

# fmt: off
GROUP_PK: dict[str, Param] = {"pk": Kind.GROUP}
ON_2024 = {"on": "2024-12-31"}
NOTE = {"note": "Kiểm tra phạm vi"}
CLOSE = {"valid_to": "2030-12-31"}
# Persona order in every row: anonymous, nobody, province_admin, dept_officer, commune_officer,
#                              appraiser, leader, outsider, system_admin
USER_ADMINS_ONLY = (LOGIN, E403, OK, E403, E403, E403, E403, E403, OK)
USER_IN_SCOPE = (LOGIN, E404, OK, E404, E404, E404, E404, E404, OK)  # the account of dept_officer
USER_CHANGED = (LOGIN, E404, R302, E404, E404, E404, E404, E404, R302)
UNIT_MANAGERS_ONLY = (LOGIN, E403, OK, E403, E403, E403, E403, E403, OK)
SNV_MANAGERS = (LOGIN, E404, OK, E403, E404, E403, E403, E404, OK)

EXPECTED: dict[str, Rule] = {
    # --- Public pages and the user's own pages ---
    "healthz":                           same_for_all(OK, OK),
    "javascript-catalog":                same_for_all(OK, OK),
    "core:home":                         same_for_all(LOGIN, OK),
    "core:switch_unit":                  same_for_all(LOGIN, E405, post=everyone(LOGIN, R302)),
    "accounts:login":                    same_for_all(OK, R302),  # signed-in users are sent on
    "accounts:logout":                   same_for_all(E405, E405, post=everyone(LOGIN, LOGIN)),
    "accounts:password_change":          same_for_all(LOGIN, OK),
    "accounts:password_change_done":     same_for_all(LOGIN, OK),
    "accounts:password_reset":           same_for_all(OK, OK),
    "accounts:password_reset_done":      same_for_all(OK, OK),
    "accounts:password_reset_confirm":   same_for_all(OK, OK),  # the invalid-link page
    "accounts:password_reset_complete":  same_for_all(OK, OK),
    "accounts:profile":                  same_for_all(LOGIN, OK),
    "accounts:token_create":             post_only(*everyone(LOGIN, OK)),  # empty name: the form again
    # Only the owner (dept_officer) may revoke a token, not even a system administrator.
    "accounts:token_revoke":             post_only(LOGIN, E404, E404, R302, E404, E404, E404, E404, E404,
                                                   params={"pk": Kind.TOKEN}),
    # --- User administration: MANAGE_USERS somewhere (else 403); an account outside it is 404 ---
    "accounts:user_list":                row(*USER_ADMINS_ONLY),
    "accounts:user_create":              form_page(*USER_ADMINS_ONLY),
    "accounts:user_detail":              row(*USER_IN_SCOPE),
    "accounts:user_edit":                form_page(*USER_IN_SCOPE),
    "accounts:membership_add":           post_only(*USER_IN_SCOPE),
    "accounts:membership_remove":        post_only(*USER_CHANGED),
    "accounts:user_set_active":          post_only(*USER_CHANGED),
    "accounts:user_set_password":        post_only(*USER_IN_SCOPE),
    # --- Organisation units (the object is SNV) ---
    "orgunits:list":                     same_for_all(LOGIN, OK),  # lists the caller's scope
    "orgunits:detail":                   row(LOGIN, E404, OK,   OK,   E404, OK,   OK,   E404, OK),
    "orgunits:create":                   form_page(*UNIT_MANAGERS_ONLY),
    "orgunits:edit":                     form_page(*SNV_MANAGERS),
    "orgunits:move":                     form_page(*SNV_MANAGERS),
    "orgunits:close":                    form_page(*SNV_MANAGERS),
    "orgunits:merge":                    form_page(*UNIT_MANAGERS_ONLY),
    "orgunits:import":                   form_page(*UNIT_MANAGERS_ONLY),
    "orgunits:import_sample":            same_for_all(LOGIN, OK),  # a fictitious sample file
    "orgunits:export":                   same_for_all(LOGIN, OK),  # exports the caller's scope
    # Groups are province-wide reference data: all may read, unit managers change them.
    "orgunits:group_list":               same_for_all(LOGIN, OK, post=UNIT_MANAGERS_ONLY,
                                                      post_data={"form": "set"}),
    "orgunits:group_detail":             same_for_all(LOGIN, OK, params=GROUP_PK),
    "orgunits:group_members":            row(*UNIT_MANAGERS_ONLY, params=GROUP_PK,
                                             post=(LOGIN, E403, R302, E403, E403, E403, E403, E403, R302)),
    # --- Audit log and jobs (the job was started by dept_officer for SNV) ---
    "audit:list":                        row(LOGIN, E403, OK,   E403, E403, E403, E403, E403, OK),
    "jobs:list":                         same_for_all(LOGIN, OK),  # the caller's own jobs
    "jobs:detail":                       row(LOGIN, E404, OK,   OK,   E404, E404, E404, E404, OK),
    "jobs:detail_partial":               row(LOGIN, E404, OK,   OK,   E404, E404, E404, E404, OK),
    # --- Django admin: staff (system administrators) only ---
    "admin:index":                       same_for_all(ADMIN_LOGIN, ADMIN_LOGIN, system_admin=OK),
    # --- REST API ---
    "api:openapi-json":                  same_for_all(OK, OK),
    "api:openapi-view":                  same_for_all(OK, OK),
    "api:api-root":                      same_for_all(E404, E404),
    "GET /api/me":                       same_for_all(E401, OK),
    "GET /api/users":                    row(E401,  E403, OK,   E403, E403, E403, E403, E403, OK),
    "GET /api/users/{user_id}":          row(E401,  E404, OK,   E404, E404, E404, E404, E404, OK),
    "GET /api/units":                    same_for_all(E401, OK),  # lists the caller's scope
    "GET /api/units/tree":               same_for_all(E401, OK),
    "GET /api/units/{unit_id}":          row(E401,  E404, OK,   OK,   E404, OK,   OK,   E404, OK),
    "GET /api/units/{unit_id}/lineage":  row(E401,  E404, OK,   OK,   E404, OK,   OK,   E404, OK),
    "GET /api/units/{unit_id}/sources":  row(E401,  E404, OK,   OK,   E404, OK,   OK,   E404, OK,
                                             query=ON_2024),
    "PATCH /api/units/{unit_id}":        row(E401,  E404, OK,   E403, E404, E403, E403, E404, OK, body=NOTE),
    "POST /api/units/{unit_id}/close":   row(E401,  E404, OK,   E403, E404, E403, E403, E404, OK, body=CLOSE),
    "GET /api/jobs/{job_id}":            row(E401,  E404, OK,   OK,   E404, E404, E404, E404, OK),
}
# fmt: on


# --- App contributions ------------------------------------------------------------------------


def _contributions() -> list[ModuleType]:
    """`cchc/<app>/tests/walk.py` of every app that has one (see tests/walk_support.py)."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("cchc."):
            continue
        try:
            modules.append(import_module(f"{config.name}.tests.walk"))
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{config.name}.tests.walk", f"{config.name}.tests"):
                raise
    return modules


CONTRIBUTIONS = _contributions()
for _module in CONTRIBUTIONS:
    for _key in getattr(_module, "EXPECTED", {}):
        assert _key not in EXPECTED, f"{_module.__name__} classifies {_key} again"
    EXPECTED.update(getattr(_module, "EXPECTED", {}))
    PARAM_KINDS.update(getattr(_module, "PARAM_KINDS", {}))

# Routes not walked, by key pattern (fnmatch), with the reason. An EXPECTED entry overrides.
SKIPPED: dict[str, str] = {
    "admin:*": (
        "Django admin is for system administrators only (is_staff); its own permission checks "
        "apply and `admin:index` above proves that nobody else gets in."
    ),
    "set_language": "i18n helper: only sets the language cookie (POST), no data.",
    "static/*": "static files, served this way only with DEBUG",
    "media/*": "uploaded media, served this way only with DEBUG (the web server does it in production)",
}
OPTIONAL_SKIPS = frozenset({"static/*", "media/*"})  # only present with DEBUG


# --- Discovery --------------------------------------------------------------------------------


PARAM_RE = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)\}")  # Django <int:pk> or ninja {unit_id}


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name" for pages, "METHOD /api/path" for API operations
    method: str
    template: str  # "/don-vi/<int:pk>/" or "/api/units/{unit_id}"
    namespace: str
    is_api: bool

    @property
    def params(self) -> list[str]:
        return [django or ninja for django, ninja in PARAM_RE.findall(self.template)]

    def url(self, values: Mapping[str, str]) -> str:
        return PARAM_RE.sub(lambda m: values[m.group(1) or m.group(2)], self.template)


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            yield from _walk(pattern.url_patterns, route, inner)
        else:
            yield route, namespace, pattern


def _api_operations() -> list[Route]:
    schema = ninja_api.get_openapi_schema()
    return [
        Route(f"{method.upper()} {path}", method.upper(), path, "api", True)
        for path, methods in schema["paths"].items()
        for method in methods
    ]


def discover() -> list[Route]:
    """Every page route (Vietnamese variant) and every API operation, keyed for `EXPECTED`."""
    operations = _api_operations()
    operation_paths = {r.template for r in operations}
    routes: dict[str, Route] = {}
    with translation.override("vi"):
        for route, namespace, pattern in _walk(get_resolver().url_patterns):
            template = "/" + route
            as_api_path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", template)
            if namespace == ninja_api.urls_namespace and as_api_path in operation_paths:
                continue  # an API operation: walked from the OpenAPI document
            name = pattern.name or route  # unnamed patterns are keyed by their route
            key = f"{namespace}:{name}" if namespace else name
            routes.setdefault(key, Route(key, "GET", template, namespace, False))
    return [*routes.values(), *operations]


def skip_reason(key: str) -> str | None:
    """Why a route is not walked; an explicit EXPECTED entry wins over a SKIPPED pattern."""
    if key in EXPECTED:
        return None
    return next((reason for pattern, reason in SKIPPED.items() if fnmatch.fnmatchcase(key, pattern)), None)


ROUTES = discover()
WALKED = [r for r in ROUTES if skip_reason(r.key) is None]


# --- The world the walk runs in ---------------------------------------------------------------


@dataclass
class World:
    users: dict[str, Any]  # persona → user (None: anonymous)
    in_scope: dict[Kind, Any]
    out_of_scope: dict[Kind, dict[str, Any]]  # kind → persona → object (absent: none exists)
    clients: dict[str, Client] = field(default_factory=dict)

    def client(self, persona: str) -> Client:
        if persona not in self.clients:
            client = Client()
            user = self.users[persona]
            if user is not None:
                client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            self.clients[persona] = client
        return self.clients[persona]

    def obj(self, kind: Kind, persona: str, in_scope: bool) -> Any:
        if in_scope or not kind.scoped:
            return self.in_scope[kind]
        return self.out_of_scope[kind].get(persona)


@pytest.fixture
def world(province: Any, personas: Any) -> World:
    from cchc.accounts.models import Role
    from cchc.accounts.services import api_token_create, user_create
    from cchc.jobs.models import Job
    from cchc.orgunits.services import group_create, group_set_create, group_set_members, unit_create

    other = unit_create(
        actor=None, code="KHAC", name="Tỉnh Khác", unit_type=province.types["tinh"], parent=None
    )
    stranger = user_create(
        actor=None,
        username="nguoi_la",
        full_name="Người Lạ Tỉnh Khác",
        email="nguoi.la@example.org",
        unit=other,
        role=Role.PROVINCE_ADMIN,
    )

    def job(user: Any, unit: Any, title: str) -> Job:
        return Job.objects.create(kind="test.walk", title=title, created_by=user, unit=unit)

    group_set = group_set_create(actor=None, code="xep-hang-2025", name="Xếp hạng CCHC 2025")
    group = group_create(actor=None, group_set=group_set, code="so-nganh", name="Sở, ban, ngành")
    group_set_members(actor=None, group=group, units=[province.snv, province.stc])

    users = {"anonymous": None, **personas.all()}
    everyone_but_sysadmin = [p for p in PERSONAS if p != "system_admin"]
    # A sibling department for the narrowly scoped personas, another province for the others.
    unit_outside = {
        "anonymous": province.stc,
        "nobody": province.stc,
        "dept_officer": province.stc,
        "commune_officer": province.stc,
        "outsider": province.snv,
        "province_admin": other,
        "appraiser": other,
        "leader": other,
    }
    stranger_job = job(stranger, other, "Tác vụ của tỉnh khác")
    stranger_token, _raw = api_token_create(actor=stranger, name="Khoá của người lạ")
    world = World(
        users=users,
        in_scope={
            Kind.UNIT: province.snv,
            Kind.USER: personas.dept_officer,
            Kind.MEMBERSHIP: personas.dept_officer.memberships.get(),
            Kind.JOB: job(personas.dept_officer, province.snv, "Xuất danh sách đơn vị"),
            Kind.TOKEN: api_token_create(actor=personas.dept_officer, name="Khoá báo cáo")[0],
            Kind.GROUP: group,
        },
        out_of_scope={
            Kind.UNIT: unit_outside,
            Kind.USER: dict.fromkeys(everyone_but_sysadmin, stranger),
            Kind.MEMBERSHIP: dict.fromkeys(everyone_but_sysadmin, stranger.memberships.get()),
            Kind.JOB: dict.fromkeys(everyone_but_sysadmin, stranger_job),
            Kind.TOKEN: dict.fromkeys(everyone_but_sysadmin, stranger_token),
        },
    )
    ctx = WorldContext(
        province=province,
        personas=personas,
        other=other,
        stranger=stranger,
        unit_outside=unit_outside,
        in_scope=world.in_scope,
        out_of_scope=world.out_of_scope,
    )
    for module in CONTRIBUTIONS:
        if hasattr(module, "build"):
            module.build(ctx)
    return world


# --- The walk ---------------------------------------------------------------------------------


def lookup_param(route: Route, rule: Rule, name: str) -> Param | None:
    return rule.params.get(name) or PARAM_KINDS.get((route.namespace, name)) or PARAM_KINDS.get(("*", name))


def param_spec(route: Route, rule: Rule, name: str) -> Param:
    spec = lookup_param(route, rule, name)
    if spec is None:
        pytest.fail(
            f"{route.key}: path parameter <{name}> names nothing known. Add it to PARAM_KINDS in "
            f"tests/test_scope_walk.py or give `params={{'{name}': Kind.…}}` in its EXPECTED row."
        )
    return spec


def has_scoped_params(route: Route, rule: Rule) -> bool:
    """Whether an out-of-scope pass applies (unknown parameters count, so that they fail loudly)."""
    specs = [lookup_param(route, rule, name) for name in route.params]
    return any(spec is None or (isinstance(spec, Kind) and spec.scoped) for spec in specs)


def build_url(
    route: Route, rule: Rule, world: World, persona: str, in_scope: bool
) -> tuple[str, list[Any]] | None:
    """The URL to request and the scoped objects it names (None: no such object for the persona)."""
    values: dict[str, str] = {}
    objects: list[Any] = []
    for name in route.params:
        spec = param_spec(route, rule, name)
        if isinstance(spec, Fixed):
            values[name] = spec.value
            continue
        obj = world.obj(spec, persona, in_scope)
        if obj is None:
            return None
        values[name] = str(obj.pk)
        if spec.scoped:
            objects.append(obj)
    url = route.url(values)
    return (f"{url}?{urlencode(rule.query)}" if rule.query else url), objects


def request(client: Client, method: str, url: str, rule: Rule, route: Route) -> HttpResponse:
    """One request, rolled back so that each persona sees the same data."""
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif route.is_api:
            response = client.generic(
                method, url, json.dumps(rule.body or {}), content_type="application/json"
            )
        else:
            response = client.post(url, dict(rule.post_data))
        transaction.set_rollback(True)
    return response


def mismatch(expected: Status, response: HttpResponse) -> str | None:
    got = response.status_code
    if isinstance(expected, Redirect):
        if got != 302:
            return f"expected {expected}, got {got}"
        location = response.get("Location", "")
        if expected.to is not None:
            with translation.override("vi"):
                target = reverse(expected.to)
            if not location.startswith(target):
                return f"expected {expected}, got 302→{location}"
        return None
    if got != expected:
        detail = f" → {response.get('Location')}" if got in (301, 302) else ""
        return f"expected {expected}, got {got}{detail}"
    return None


def leaks(objects: list[Any], response: HttpResponse) -> str | None:
    """A 404 for an object outside the scope must not show what the object is."""
    content = response.content.decode(errors="replace")
    shown = [str(o) for o in objects if str(o) and str(o) in content]
    return f"404 page shows {shown}" if shown else None


def expected_row(rule: Rule, *, in_scope: bool, post: bool) -> Row:
    statuses = rule.post if post else rule.statuses
    assert statuses is not None
    if in_scope:
        return statuses
    explicit = None if post else rule.out_of_scope
    return explicit or (statuses[0], *([E404] * (len(PERSONAS) - 1)))


def walk(route: Route, world: World, *, in_scope: bool, post: bool = False) -> list[str]:
    """Request `route` as every persona; the list of mismatches (empty: all as expected)."""
    rule = EXPECTED[route.key]
    method = "POST" if post else route.method
    failures = []
    for persona, status in zip(PERSONAS, expected_row(rule, in_scope=in_scope, post=post), strict=True):
        built = build_url(route, rule, world, persona, in_scope)
        if built is None:
            continue  # nothing is outside this persona's scope (system administrators)
        url, objects = built
        try:
            response = request(world.client(persona), method, url, rule, route)
        except Exception as exc:  # a crash is a failure of this persona, not of the walk
            failures.append(f"{persona:16} {method} {url}: raised {exc!r}")
            continue
        problem = mismatch(status, response)
        if problem is None and not in_scope and response.status_code == E404:
            problem = leaks(objects, response)
        if problem:
            failures.append(f"{persona:16} {method} {url}: {problem}")
    return failures


# --- Tests ------------------------------------------------------------------------------------


def test_every_route_is_classified() -> None:
    missing = sorted(r.key for r in WALKED if r.key not in EXPECTED)
    assert not missing, (
        "Routes without a scope classification (add a row to EXPECTED in tests/test_scope_walk.py, "
        "one status per persona: " + ", ".join(PERSONAS) + "):\n  " + "\n  ".join(missing)
    )


def test_no_stale_classifications() -> None:
    keys = {r.key for r in ROUTES}
    stale = sorted(set(EXPECTED) - keys)
    assert not stale, f"EXPECTED names routes that no longer exist: {stale}"


def test_discovery_sees_pages_api_and_the_vietnamese_variant() -> None:
    keys = {r.key: r for r in ROUTES}
    for key in ("core:home", "accounts:login", "admin:index", "GET /api/me", "PATCH /api/units/{unit_id}"):
        assert key in keys, f"discovery lost {key}"
    assert keys["core:home"].template == "/"  # Vietnamese: no language prefix
    assert keys["accounts:login"].template == "/tai-khoan/dang-nhap/"
    assert not any(r.template.startswith("/en/") for r in ROUTES)
    # API operations come from the OpenAPI document, each once, not as Django URL names.
    assert "api:me" not in keys and "api:unit_detail" not in keys


def test_every_skip_is_justified_and_used() -> None:
    assert all(len(reason.strip()) > 10 for reason in SKIPPED.values())
    keys = [r.key for r in ROUTES]
    unused = [p for p in SKIPPED if p not in OPTIONAL_SKIPS and not fnmatch.filter(keys, p)]
    assert not unused, f"SKIPPED patterns that match no route: {unused}"


def test_post_rows_are_for_pages_only() -> None:
    api_keys = {r.key for r in ROUTES if r.is_api}
    assert not [k for k, rule in EXPECTED.items() if k in api_keys and rule.post is not None]


CLASSIFIED = [r for r in WALKED if r.key in EXPECTED]
SCOPED_ROUTES = [r for r in CLASSIFIED if has_scoped_params(r, EXPECTED[r.key])]
POSTED = [r for r in CLASSIFIED if EXPECTED[r.key].post is not None]


def report(route: Route, what: str, failures: list[str]) -> str:
    return f"{route.key} ({what}):\n  " + "\n  ".join(failures)


@pytest.mark.parametrize("route", CLASSIFIED, ids=lambda r: r.key)
def test_in_scope(route: Route, world: World) -> None:
    failures = walk(route, world, in_scope=True)
    assert not failures, report(route, "objects in scope", failures)


@pytest.mark.parametrize("route", SCOPED_ROUTES, ids=lambda r: r.key)
def test_out_of_scope(route: Route, world: World) -> None:
    failures = walk(route, world, in_scope=False)
    assert not failures, report(route, "objects outside the persona's scope", failures)


@pytest.mark.parametrize("route", POSTED, ids=lambda r: r.key)
def test_post_in_scope(route: Route, world: World) -> None:
    failures = walk(route, world, in_scope=True, post=True)
    assert not failures, report(route, "POST, objects in scope", failures)


@pytest.mark.parametrize("route", [r for r in POSTED if r in SCOPED_ROUTES], ids=lambda r: r.key)
def test_post_out_of_scope(route: Route, world: World) -> None:
    failures = walk(route, world, in_scope=False, post=True)
    assert not failures, report(route, "POST, objects outside the persona's scope", failures)
