"""The sample province (`manage.py demo_province`): content, history, accounts and idempotency.

The province is loaded once for the `TestDemoProvince` class (inside a transaction rolled back at
the end of the class); each test still runs in its own savepoint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from cchc.accounts.models import Membership, Role, User
from cchc.audit.models import AuditEvent
from cchc.core import demo
from cchc.core.demo import data
from cchc.orgunits import selectors
from cchc.orgunits.models import OrgUnit, UnitGroup, UnitLineage, UnitType

REFORM = dt.date(2025, 7, 1)
BEFORE = dt.date(2025, 6, 30)
COMMUNE_TYPES = ("xa", "phuong", "thi-tran", "dac-khu")
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("demo_province", *args, stdout=out)
    return out.getvalue()


def new_communes() -> list[OrgUnit]:
    return list(selectors.units_as_of(REFORM).filter(unit_type__code__in=COMMUNE_TYPES))


def old_communes() -> list[OrgUnit]:
    return list(selectors.units_as_of(BEFORE).filter(unit_type__code__in=COMMUNE_TYPES))


@pytest.fixture(scope="class")
def loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """Load the demo once for the class; roll everything back afterwards."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER, CCHC_DEMO_DOSSIERS=2_000),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield run_command()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.usefixtures("loaded")
class TestDemoProvince:
    def test_the_command_reports_the_load_and_prints_the_accounts(self, db: Any, loaded: str) -> None:
        assert "Đã nạp Tỉnh Mẫu (dữ liệu mẫu)" in loaded
        for heading in ("Tên đăng nhập", "Họ và tên", "Vai trò", "Đơn vị", "Mật khẩu"):
            assert heading in loaded
        for username, *_rest in data.USERS:
            assert username in loaded
        assert demo.DEMO_PASSWORD in loaded
        assert "MẪU" in loaded  # the warning that these are sample accounts

    def test_unit_types_are_ordered_province_agencies_districts_communes(self, db: Any) -> None:
        province = OrgUnit.objects.get(code=demo.PROVINCE_CODE)
        wanted = ["tinh", "so", "ban", "trung-tam", "don-vi-su-nghiep", "thanh-pho", "huyen", "xa", "dac-khu"]
        orders = dict(UnitType.objects.values_list("code", "sort_order"))
        assert [orders[code] for code in wanted] == sorted(orders[code] for code in wanted)
        assert province.name == "Tỉnh Mẫu"
        assert province.abbreviation == "UBND"
        assert province.note == demo.SAMPLE_NOTE
        assert province.valid_from == dt.date(2008, 1, 1)

    def test_the_province_has_at_least_twenty_departments_and_agencies(self, db: Any) -> None:
        departments = selectors.units_as_of(REFORM).filter(
            parent__code=demo.PROVINCE_CODE, unit_type__code__in=["so", "ban", "nganh"]
        )
        names = set(departments.values_list("name", flat=True))
        assert len(names) >= 20
        assert {"Sở Nội vụ", "Sở Tư pháp", "Sở Nông nghiệp và Môi trường", "Thanh tra tỉnh"} <= names
        assert all(departments.values_list("abbreviation", flat=True))
        assert OrgUnit.objects.filter(unit_type__code="trung-tam").count() == 1
        assert OrgUnit.objects.filter(
            unit_type__code="don-vi-su-nghiep", parent__unit_type__code="so"
        ).exists()

    def test_before_the_reform_districts_had_more_communes_than_after(self, db: Any) -> None:
        districts = selectors.units_as_of(BEFORE).filter(unit_type__level=2)
        assert districts.count() >= 8
        assert not selectors.units_as_of(REFORM).filter(unit_type__level=2).exists()
        old, new = old_communes(), new_communes()
        assert len(new) >= 60
        assert len(old) > len(new)
        assert all(u.parent_id in {d.pk for d in districts} for u in old)
        assert {u.parent.code for u in new} == {demo.PROVINCE_CODE}  # type: ignore[union-attr]
        assert all(u.valid_from == REFORM for u in new)
        assert {u.unit_type.code for u in new} >= {"xa", "phuong", "dac-khu"}

    def test_every_new_commune_has_a_predecessor_and_districts_were_dissolved(self, db: Any) -> None:
        for unit in new_communes():
            links = selectors.predecessors(unit, transitive=False)
            assert links, unit
            assert all(link.effective_date == REFORM and "NQ-UBTVQH15" in link.decision for link in links)
        kinds = set(UnitLineage.objects.values_list("kind", flat=True))
        assert kinds == set(UnitLineage.Kind.values)
        dissolved = UnitLineage.objects.filter(
            kind=UnitLineage.Kind.DISSOLVE, predecessor__unit_type__level=2
        )
        assert dissolved.count() == len(data.DISTRICTS)
        assert all(link.successor.code == demo.PROVINCE_CODE for link in dissolved)

    def test_old_figures_roll_up_to_the_new_communes_without_loss(self, db: Any) -> None:
        old = old_communes()
        values = {u.pk: 10 + i for i, u in enumerate(old)}
        rollup = selectors.rollup_values(values, REFORM)
        assert rollup.unattributed == {}
        assert set(rollup.totals) == {u.pk for u in new_communes()}
        assert sum(rollup.totals.values()) == sum(values.values())

    def test_old_departments_roll_up_to_the_post_2025_departments(self, db: Any) -> None:
        old = selectors.units_as_of(dt.date(2024, 12, 31)).filter(unit_type__code="so")
        rollup = selectors.rollup_values(dict.fromkeys(old.values_list("pk", flat=True), 100), REFORM)
        assert rollup.unattributed == {}
        assert sum(rollup.totals.values()) == 100 * old.count()
        assert set(rollup.totals) <= set(
            selectors.units_as_of(REFORM).filter(unit_type__code="so").values_list("pk", flat=True)
        )

    def test_names_show_vietnamese_order_and_accent_free_search(self, db: Any) -> None:
        names = {u.name for u in new_communes()}
        assert {
            "Xã Đắk Mai",
            "Phường Đặng Lâm",
            "Xã Ăng Sơn",
            "Xã Âu Lạc",
            "Xã Ô Thanh",
            "Xã Ưng Bình",
        } <= names
        admin = User.objects.get(username="quantri")
        assert "Xã Đắk Mai" in {
            u.name for u in selectors.units_for_user(admin, query="dak mai", as_of=REFORM)
        }
        assert "Phường Đặng Lâm" in {
            u.name for u in selectors.units_for_user(admin, query="dang", as_of=REFORM)
        }

    def test_ranking_groups(self, db: Any) -> None:
        groups = {g.code: g for g in UnitGroup.objects.filter(group_set__code="xep-hang-cchc")}
        assert set(groups) == {"so-ban-nganh", "xa", "phuong", "dac-khu", "xa-bien-gioi"}
        border = set(groups["xa-bien-gioi"].members.all())
        assert len(border) == data.BORDER_COMMUNES
        assert border <= set(groups["xa"].members.all())
        assert groups["so-ban-nganh"].members.filter(name="Sở Tư pháp").exists()

    def test_every_role_has_a_demo_account_that_can_sign_in(
        self, db: Any, client: Any, settings: Any
    ) -> None:
        held = set(
            Membership.objects.filter(user__is_sample=True, is_active=True).values_list("role", flat=True)
        )
        assert held == set(Role.values)
        assert User.objects.get(username="quantri").is_superuser
        assert Membership.objects.filter(user__username="kiemnhiem", is_active=True).count() == 2
        for user in User.objects.filter(is_sample=True):
            response = client.post(
                reverse("accounts:login"), {"username": user.username, "password": demo.DEMO_PASSWORD}
            )
            assert response.status_code == 302, user.username
            client.logout()

    def test_everything_is_marked_as_sample(self, db: Any) -> None:
        assert not OrgUnit.objects.filter(is_sample=False).exists()
        assert not User.objects.filter(is_sample=False).exists()
        assert not OrgUnit.objects.exclude(note=demo.SAMPLE_NOTE).exists()

    def test_the_history_is_audited(self, db: Any) -> None:
        actions = set(AuditEvent.objects.values_list("action", flat=True))
        assert {"orgunit.create", "orgunit.merge", "orgunit.close", "user.create"} <= actions

    def test_a_second_run_keeps_the_data_and_creates_nothing(self, db: Any) -> None:
        models = (OrgUnit, UnitLineage, User, Membership, UnitGroup, AuditEvent)
        before = [m.objects.count() for m in models]
        output = run_command()
        assert [m.objects.count() for m in models] == before
        assert "giữ nguyên dữ liệu hiện có" in output
        assert "snv.admin" in output  # the accounts are still listed


def test_existing_units_are_kept_and_no_demo_is_loaded(province: Any) -> None:
    count = OrgUnit.objects.count()
    output = run_command()
    assert OrgUnit.objects.count() == count
    assert not User.objects.filter(is_sample=True).exists()
    assert "giữ nguyên dữ liệu hiện có" in output
    assert "Tên đăng nhập" not in output  # no sample accounts to list


@pytest.mark.parametrize("seed", [1, 99])
def test_any_seed_gives_a_complete_province(db: Any, seed: int) -> None:
    output = run_command("--seed", str(seed), "--province-only")
    assert "Đã nạp" in output
    assert len(new_communes()) >= 60
    assert len(old_communes()) > len(new_communes())
    assert (
        selectors.rollup_values(dict.fromkeys((u.pk for u in old_communes()), 1), REFORM).unattributed == {}
    )
    assert User.objects.filter(username="xa.dakmai", memberships__unit__name="Xã Đắk Mai").exists()
