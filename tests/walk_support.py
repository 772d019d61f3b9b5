"""Building blocks of the scope walk (tests/test_scope_walk.py), shared with the apps.

Each app classifies its own routes in `cchc/<app>/tests/walk.py`, which may define:
  * `EXPECTED: dict[str, Rule]` — one row per page route ("namespace:name") or API operation
    ("METHOD /api/path"), one status per persona in the order of `PERSONAS`;
  * `PARAM_KINDS: dict[tuple[str, str], Param]` — (namespace, path parameter) → what it names;
  * `build(ctx: WorldContext) -> None` — creates the objects its kinds name: put the in-scope
    object in `ctx.in_scope[KIND]` and, for scoped kinds, the object each persona must NOT reach
    in `ctx.out_of_scope[KIND][persona]` (`ctx.unit_outside[persona]` is a unit outside the
    persona's scope; leave a persona out when nothing is outside its scope).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

# --- Statuses ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Redirect:
    """A 302 whose Location starts with the URL named `to` (any Location when `to` is None)."""

    to: str | None = None

    def __str__(self) -> str:
        return f"302→{self.to or '*'}"


Status = int | Redirect

OK = 200
E401 = 401  # API without credentials
E403 = 403  # in scope (or no object) but without the capability
E404 = 404  # object outside the scope: its existence is not revealed
E405 = 405  # GET on a POST-only view
R302 = Redirect()  # a redirect anywhere
LOGIN = Redirect("accounts:login")
ADMIN_LOGIN = Redirect("admin:login")

PERSONAS = (
    "anonymous",
    "nobody",
    "province_admin",
    "dept_officer",
    "commune_officer",
    "appraiser",
    "leader",
    "outsider",
    "system_admin",
)


# --- Path parameters --------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """What a path parameter names. A scoped kind gets an out-of-scope pass.

    Apps declare their own kinds in `cchc/<app>/tests/walk.py`, e.g. `PLAN = Kind("plan")`.
    """

    name: str
    scoped: bool = True

    UNIT: ClassVar[Kind]
    USER: ClassVar[Kind]
    MEMBERSHIP: ClassVar[Kind]
    JOB: ClassVar[Kind]
    TOKEN: ClassVar[Kind]
    GROUP: ClassVar[Kind]


Kind.UNIT = Kind("unit")
Kind.USER = Kind("user")
Kind.MEMBERSHIP = Kind("membership")
Kind.JOB = Kind("job")
Kind.TOKEN = Kind("token")
Kind.GROUP = Kind("group", scoped=False)  # province-wide reference data


@dataclass(frozen=True)
class Fixed:
    """A literal path parameter (no object behind it)."""

    value: str


Param = Kind | Fixed

# --- Rules ------------------------------------------------------------------------------------


Row = tuple[Status, ...]  # one status per persona, in the order of PERSONAS


@dataclass(frozen=True)
class Rule:
    statuses: Row  # GET for pages; the operation's own method for the API
    query: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, Any] | None = None  # JSON body of a non-GET API operation
    params: Mapping[str, Param] = field(default_factory=dict)  # overrides PARAM_KINDS
    out_of_scope: Row | None = None  # default: as anonymous above, 404 for every signed-in persona
    post: Row | None = None  # pages only: also POST `post_data` (a form post) and expect this
    post_data: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for statuses in (self.statuses, self.out_of_scope, self.post):
            if statuses is not None and len(statuses) != len(PERSONAS):
                raise ValueError(f"a row needs {len(PERSONAS)} statuses ({', '.join(PERSONAS)})")


def row(
    *statuses: Status,
    query: Mapping[str, str] | None = None,
    body: Mapping[str, Any] | None = None,
    params: Mapping[str, Param] | None = None,
    out_of_scope: Row | None = None,
    post: Row | None = None,
    post_data: Mapping[str, str] | None = None,
) -> Rule:
    return Rule(
        tuple(statuses),
        dict(query or {}),
        body,
        dict(params or {}),
        out_of_scope,
        post,
        dict(post_data or {}),
    )


def everyone(anonymous: Status, signed_in: Status, **exceptions: Status) -> Row:
    """A row where every signed-in persona gets `signed_in`, except those named."""
    statuses = [anonymous, *([signed_in] * (len(PERSONAS) - 1))]
    for persona, status in exceptions.items():
        statuses[PERSONAS.index(persona)] = status
    return tuple(statuses)


def same_for_all(anonymous: Status, signed_in: Status, **options: Any) -> Rule:
    """A route every signed-in persona gets alike; `persona=status` options make exceptions."""
    exceptions = {p: options.pop(p) for p in PERSONAS if p in options}
    return row(*everyone(anonymous, signed_in, **exceptions), **options)


def form_page(*statuses: Status, **options: Any) -> Rule:
    """A GET+POST form page: an empty POST gets the same refusal (or the form again) as GET."""
    return row(*statuses, post=tuple(statuses), **options)


def post_only(*post: Status, **options: Any) -> Rule:
    """A POST-only view: GET is refused (405) before any object is looked up; POST gets `post`."""
    get = everyone(LOGIN, E405)
    return row(*get, out_of_scope=get, post=tuple(post), **options)


@dataclass
class WorldContext:
    """What an app's `build()` gets: the sample objects and the dictionaries to fill."""

    province: Any  # the `province` fixture (units: tinh, snv, stc, ttpv, xa, ph, …)
    personas: Any  # the `personas` fixture
    other: Any  # a unit of another province, outside everyone's scope but the system admin's
    stranger: Any  # the province administrator of that other province
    unit_outside: dict[str, Any]  # persona → a unit outside the persona's scope
    in_scope: dict[Kind, Any] = field(default_factory=dict)
    out_of_scope: dict[Kind, dict[str, Any]] = field(default_factory=dict)
