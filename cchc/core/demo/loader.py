"""Builds the sample province through the ordinary services, so it has real history and audit.

History modelled (all invented, all `is_sample=True`):
- 2008: the province, its departments and agencies, ten districts with their communes.
- 01/03/2025: seven departments merged, split or renamed into the post-2025 set.
- 01/07/2025: every old commune merged (or renamed, or in one case split with shares) into the
  new communes, wards and one special zone directly under the province; the districts closed on
  30/06/2025 and their tasks were taken over by the province.
Everything is drawn from one seeded `random.Random`, so a seed always gives the same province.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import translation

from cchc.accounts.models import Membership, Role, User
from cchc.accounts.services import membership_add, user_create
from cchc.core.demo import data
from cchc.orgunits.models import OrgUnit, UnitLineage, UnitType
from cchc.orgunits.services import (
    SplitPart,
    group_create,
    group_set_create,
    group_set_members,
    lineage_add,
    unit_close,
    unit_create,
    unit_merge,
    unit_split,
    unit_type_upsert,
)

DEFAULT_SEED = 2025
_PREFIX = {"xa": "Xã", "phuong": "Phường", "thi-tran": "Thị trấn", "dac-khu": "Đặc khu"}


@dataclass
class DemoResult:
    units: int
    lineage_links: int
    users: int
    seconds: float
    decision: str


@dataclass
class _Group:
    """Old communes of one district that become one new unit on 01/07/2025."""

    district_index: int
    sources: list[OrgUnit]
    showcase: str = ""
    split_share: Decimal | None = None  # this group also receives part of the split commune
    target: OrgUnit | None = field(default=None, repr=False)


def has_units() -> bool:
    return OrgUnit.objects.exists()


def _base_name(unit: OrgUnit) -> str:
    """ "Thị trấn Đắk Mai" -> "Đắk Mai"."""
    for prefix in sorted(_PREFIX.values(), key=len, reverse=True):
        if unit.name.startswith(prefix + " "):
            return unit.name[len(prefix) + 1 :]
    return unit.name


class _Loader:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.types: dict[str, UnitType] = {}
        self.agencies: dict[str, OrgUnit] = {}
        self.province: OrgUnit
        self.districts: list[OrgUnit] = []
        self.groups: list[_Group] = []
        self.split_source: OrgUnit | None = None
        reserved = set(data.SHOWCASE_NAMES.values())
        pool = [
            f"{a} {b}"
            for a in data.FIRST_SYLLABLES
            for b in data.SECOND_SYLLABLES
            if a != b and f"{a} {b}" not in reserved
        ]
        self.rng.shuffle(pool)
        self.name_pool = pool
        self.decision = data.COMMUNE_DECISION.format(number=1600 + self.rng.randint(1, 99))

    # --- helpers --------------------------------------------------------------------------------

    def fresh_name(self) -> str:
        return self.name_pool.pop()

    def unit(self, code: str, name: str, type_code: str, parent: OrgUnit | None, **extra: Any) -> OrgUnit:
        return unit_create(
            actor=None,
            code=f"{data.PROVINCE_CODE}-{code}" if parent is not None else code,
            name=name,
            unit_type=self.types[type_code],
            parent=parent,
            is_sample=True,
            note=data.SAMPLE_NOTE,
            **extra,
        )

    # --- steps ----------------------------------------------------------------------------------

    def unit_types(self) -> None:
        for code, name, name_en, level, territorial, order in data.UNIT_TYPES:
            self.types[code] = unit_type_upsert(
                code=code,
                name=name,
                name_en=name_en,
                level=level,
                is_territorial=territorial,
                sort_order=order,
            )

    def province_and_agencies(self) -> None:
        self.province = self.unit(
            data.PROVINCE_CODE,
            data.PROVINCE_NAME,
            "tinh",
            None,
            short_name=data.PROVINCE_NAME,
            abbreviation="UBND",
            valid_from=data.FOUNDED,
            address="Số 1 đường Trung tâm, Thành phố Trường An, Tỉnh Mẫu",
            email=f"ubnd@{data.EMAIL_DOMAIN}",
        )
        for key, type_code, name, abbreviation, founded in data.AGENCIES:
            self.agencies[key] = self.unit(
                key,
                name,
                type_code,
                self.province,
                abbreviation=abbreviation,
                valid_from=founded,
                email=f"{key.lower()}@{data.EMAIL_DOMAIN}",
            )
        for key, type_code, name, abbreviation in data.OLD_AGENCIES:
            self.agencies[key] = self.unit(
                key, name, type_code, self.province, abbreviation=abbreviation, valid_from=data.FOUNDED
            )
        code, name, abbreviation = data.CENTRE
        self.agencies[code] = self.unit(
            code,
            name,
            "trung-tam",
            self.province,
            short_name="Trung tâm Phục vụ HCC",
            abbreviation=abbreviation,
            valid_from=data.FOUNDED,
            email=f"motcua@{data.EMAIL_DOMAIN}",
        )
        for key, parent_key, name, abbreviation in data.SERVICE_UNITS:
            parent = self.agencies[parent_key]
            self.agencies[key] = self.unit(
                key, name, "don-vi-su-nghiep", parent, abbreviation=abbreviation, valid_from=parent.valid_from
            )

    def reorganise_agencies(self) -> None:
        """01/03/2025: the departments of the post-2025 set."""
        a, day, decision = self.agencies, data.DEPT_REFORM, data.DEPT_DECISION
        for sources, target in data.AGENCY_MERGES:
            unit_merge(
                actor=None,
                sources=[a[s] for s in sources],
                target=a[target],
                effective_date=day,
                decision=decision,
            )
        for source, parts in data.AGENCY_SPLITS:
            unit_split(
                actor=None,
                source=a[source],
                parts=[SplitPart(a[key], Decimal(share)) for key, share in parts],
                effective_date=day,
                decision=decision,
            )
        for old, new in data.AGENCY_RENAMES:
            self.rename(a[old], a[new], day, decision)

    def rename(self, old: OrgUnit, new: OrgUnit, day: dt.date, decision: str) -> None:
        unit_close(actor=None, unit=old, valid_to=day - dt.timedelta(days=1), reason=decision)
        lineage_add(
            actor=None,
            predecessor=old,
            successor=new,
            kind=UnitLineage.Kind.RENAME,
            effective_date=day,
            decision=decision,
        )

    def old_districts(self) -> None:
        for i, (type_code, name, count, _border) in enumerate(data.DISTRICTS):
            district = self.unit(
                f"H{i + 1:02d}",
                name,
                type_code,
                self.province,
                abbreviation="UBND",
                valid_from=data.FOUNDED,
            )
            self.districts.append(district)
            seat = name.removeprefix("Huyện ")
            communes = []
            for j in range(count):
                if type_code == "huyen":
                    commune_type = "thi-tran" if j == 0 else "xa"
                elif type_code == "thanh-pho":
                    commune_type = "phuong" if j < round(count * 0.7) else "xa"
                else:
                    commune_type = "phuong" if j < count // 2 else "xa"
                base = seat if (j == 0 and type_code == "huyen") else self.fresh_name()
                communes.append(
                    self.unit(
                        f"H{i + 1:02d}-{j + 1:02d}",
                        f"{_PREFIX[commune_type]} {base}",
                        commune_type,
                        district,
                        valid_from=data.FOUNDED,
                    )
                )
            self.partition(i, communes)

    def partition(self, district_index: int, communes: list[OrgUnit]) -> None:
        """Groups of 1–3 neighbouring communes; the district seat leads the first group."""
        rest = communes[1:]
        self.rng.shuffle(rest)
        split_here = district_index == 3
        if split_here:
            self.split_source = rest.pop()
        ordered = [communes[0], *rest]
        groups: list[_Group] = []
        while ordered:
            # The first group (the district seat's, which takes the showcase name) is a real merge.
            size = self.rng.choice([2, 3]) if not groups else self.rng.choices([1, 2, 3], [1, 6, 3])[0]
            groups.append(_Group(district_index, ordered[:size]))
            ordered = ordered[size:]
        if district_index in data.SHOWCASE_NAMES:
            groups[0].showcase = data.SHOWCASE_NAMES[district_index]
        if split_here:
            groups[1].split_share, groups[2].split_share = Decimal("0.6"), Decimal("0.4")
        self.groups.extend(groups)

    def ensure_counts(self) -> None:
        """At least MIN_NEW_COMMUNES new units and a few renames, whatever the seed."""
        while len(self.groups) < data.MIN_NEW_COMMUNES or sum(len(g.sources) == 1 for g in self.groups) < 3:
            index = max(range(len(self.groups)), key=lambda k: len(self.groups[k].sources))
            group = self.groups[index]
            moved = _Group(group.district_index, [group.sources.pop()])
            self.groups.insert(index + 1, moved)

    def new_communes(self) -> None:
        used = set(data.SHOWCASE_NAMES.values())
        special_zone = max(
            (g for g in self.groups if g.district_index == len(data.DISTRICTS) - 1),
            key=lambda g: len(g.sources),
        )
        for number, group in enumerate(self.groups, start=1):
            district_type = data.DISTRICTS[group.district_index][0]
            source_types = {s.unit_type.code for s in group.sources}
            if group is special_zone:
                type_code = "dac-khu"
                base = data.DISTRICTS[group.district_index][1].split(" ", 1)[1]
            else:
                urban = "phuong" in source_types or ("thi-tran" in source_types and district_type != "huyen")
                type_code = "phuong" if urban else "xa"
                # A merged commune takes a predecessor's name or a new one; a unit kept whole keeps
                # its name (and becomes a commune or ward of the province).
                base = group.showcase or _base_name(group.sources[0])
                merged = len(group.sources) > 1
                if not group.showcase and (base in used or (merged and self.rng.random() < 0.4)):
                    base = self.fresh_name()
            used.add(base)
            group.target = self.unit(
                f"X{number:03d}",
                f"{_PREFIX[type_code]} {base}",
                type_code,
                self.province,
                valid_from=data.REFORM,
            )
            if len(group.sources) == 1:
                self.rename(group.sources[0], group.target, data.REFORM, self.decision)
            else:
                unit_merge(
                    actor=None,
                    sources=group.sources,
                    target=group.target,
                    effective_date=data.REFORM,
                    decision=self.decision,
                )
        if self.split_source is not None:
            unit_split(
                actor=None,
                source=self.split_source,
                parts=[
                    SplitPart(g.target, g.split_share)
                    for g in self.groups
                    if g.split_share is not None and g.target is not None
                ],
                effective_date=data.REFORM,
                decision=self.decision,
            )
        for district in self.districts:
            unit_close(actor=None, unit=district, valid_to=data.LAST_OLD_DAY, reason=data.DISTRICT_DECISION)
            lineage_add(
                actor=None,
                predecessor=district,
                successor=self.province,
                kind=UnitLineage.Kind.DISSOLVE,
                effective_date=data.REFORM,
                decision=data.DISTRICT_DECISION,
            )

    def unit_groups(self) -> None:
        group_set = group_set_create(
            actor=None,
            code="xep-hang-cchc",
            name="Nhóm xếp hạng Chỉ số CCHC",
            description="Nhóm đơn vị được xếp hạng cùng nhau trong Chỉ số CCHC hằng năm (mẫu).",
        )
        new = [g.target for g in self.groups if g.target is not None]
        by_type = {code: [u for u in new if u.unit_type.code == code] for code in ("xa", "phuong", "dac-khu")}
        departments = [
            self.agencies[key] for key, type_code, *_rest in data.AGENCIES if type_code in ("so", "ban")
        ]
        border_districts = {i for i, d in enumerate(data.DISTRICTS) if d[3]}
        border = [
            g.target
            for g in self.groups
            if g.district_index in border_districts
            and g.target is not None
            and g.target.unit_type.code == "xa"
        ][: data.BORDER_COMMUNES]
        spec = [
            ("so-ban-nganh", "Sở, ban, ngành", departments),
            ("xa", "Xã", by_type["xa"]),
            ("phuong", "Phường", by_type["phuong"]),
            ("dac-khu", "Đặc khu", by_type["dac-khu"]),
            ("xa-bien-gioi", "Xã biên giới", border),
        ]
        for order, (code, name, members) in enumerate(spec, start=1):
            group = group_create(actor=None, group_set=group_set, code=code, name=name, sort_order=order * 10)
            group_set_members(actor=None, group=group, units=members)

    def users(self) -> None:
        units = {"province": self.province, **self.agencies}
        units["commune"] = next(
            g.target for g in self.groups if g.showcase == data.SHOWCASE_NAMES[2] and g.target is not None
        )
        # The shared password is validated and hashed once (a slow hash costs ~0.2 s per account);
        # it is public sample data, so every account reusing the same hash reveals nothing.
        password_hash = ""
        for username, full_name, position, roles, superuser in data.USERS:
            (first_role, first_unit), *more = roles
            user = user_create(
                actor=None,
                username=username,
                full_name=full_name,
                email=f"{username}@{data.EMAIL_DOMAIN}",
                password=None if password_hash else data.DEMO_PASSWORD,
                position=position,
                is_sample=True,
                unit=units[first_unit],
                role=first_role,
            )
            for role, unit_key in more:
                membership_add(actor=None, user=user, unit=units[unit_key], role=role)
            password_hash = password_hash or user.password
            user.password = password_hash
            user.is_superuser = user.is_staff = superuser
            user.save(update_fields=["password", "is_superuser", "is_staff"])

    def run(self) -> None:
        self.unit_types()
        self.province_and_agencies()
        self.reorganise_agencies()
        self.old_districts()
        self.ensure_counts()
        self.new_communes()
        self.unit_groups()
        self.users()


def load_demo_province(*, seed: int = DEFAULT_SEED) -> DemoResult:
    """Create the sample province in one transaction. Call only on a database without units."""
    started = time.perf_counter()
    loader = _Loader(seed)
    with transaction.atomic():
        if has_units():
            raise RuntimeError("The database already has organisation units; the demo is not loaded.")
        loader.run()
    return DemoResult(
        units=OrgUnit.objects.filter(is_sample=True).count(),
        lineage_links=UnitLineage.objects.count(),
        users=User.objects.filter(is_sample=True).count(),
        seconds=time.perf_counter() - started,
        decision=loader.decision,
    )


@dataclass
class AccountRow:
    username: str
    full_name: str
    role: str
    unit: str


def _role_label(role: str) -> str:
    """The role's name as the Vietnamese UI shows it."""
    with translation.override("vi"):
        return str(Role(role).label)


def demo_accounts() -> list[AccountRow]:
    """The sample accounts with their active roles, in the order the demo defines them."""
    order = {username: i for i, (username, *_rest) in enumerate(data.USERS)}
    users = sorted(
        User.objects.filter(is_sample=True), key=lambda u: (order.get(u.username, len(order)), u.username)
    )
    memberships: dict[int, list[Membership]] = {}
    for m in Membership.objects.filter(user__in=users, is_active=True).select_related("unit"):
        memberships.setdefault(m.user_id, []).append(m)
    rows = []
    for user in users:
        held = memberships.get(user.pk, [])
        if not held:
            role = _role_label(Role.SYSTEM_ADMIN) if user.is_superuser else "—"
            rows.append(AccountRow(user.username, user.full_name, role, "—"))
        for k, m in enumerate(held):
            rows.append(
                AccountRow(
                    user.username if k == 0 else "",
                    user.full_name if k == 0 else "",
                    _role_label(m.role),
                    m.unit.name,
                )
            )
    return rows
