"""Shared fixtures: a small province and the personas every permission test uses.

Tree (valid today unless noted):
  TINH  Tỉnh Thử Nghiệm (province)
  ├── SNV   Sở Nội vụ (department)
  ├── STC   Sở Tài chính (department)
  ├── TTPV  Trung tâm Phục vụ hành chính công (service centre)
  ├── XA    Xã Đắk Mới (commune, from 01/07/2025; merged from XA1 + XA2)
  ├── PH    Phường Đặng Trung (ward, from 01/07/2025; merged from XA3)
  └── HUY   Huyện Cũ (district, closed 30/06/2025)
      ├── XA1 Xã An Cũ   (closed 30/06/2025)
      ├── XA2 Xã Ánh Cũ  (closed 30/06/2025)
      └── XA3 Xã Ân Cũ   (closed 30/06/2025)
Personas: province_admin (TINH), dept_officer (SNV focal), commune_officer (XA focal),
appraiser (TINH), leader (TINH viewer), outsider (STC focal: a sibling unit), system_admin.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

import pytest

from cchc.accounts.models import Role

REFORM = dt.date(2025, 7, 1)
BEFORE = dt.date(2025, 6, 30)
PASSWORD = "Mat-khau-thu-2025!"


@pytest.fixture(autouse=True)
def _fast_settings(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SECURE_SSL_REDIRECT = False
    settings.AXES_ENABLED = True
    settings.CCHC_DEMO_DOSSIERS = 2_000  # the sample province's dossiers, kept small in tests


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Pages without a language prefix are Vietnamese; reverse() must not pick up a language that
    an earlier test's /en/ request left active in this thread."""
    from django.utils import translation

    with translation.override("vi"):
        yield


def _is_transactional(request: Any) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool(set(request.fixturenames) & {"transactional_db", "live_server"})


@pytest.fixture(autouse=True)
def _reference_data(request: Any) -> None:
    """A transactional test starts from a database an earlier one may have flushed, which also
    removes the reference data the migrations seed (PAR areas, calendar, Decision 766 set)."""
    if not _is_transactional(request):
        return
    request.getfixturevalue("transactional_db")
    from cchc.dossiers import models as dossier_models
    from cchc.dossiers.seed import seed_766, seed_calendar
    from cchc.plans.models import PlanArea
    from cchc.plans.seed import seed_areas

    seed_areas(PlanArea)
    seed_calendar(dossier_models.CalendarYear, dossier_models.CalendarDay)
    seed_766(dossier_models.IndicatorSet, dossier_models.IndicatorGroup, dossier_models.Indicator)


@dataclass
class Province:
    province: Any
    snv: Any
    stc: Any
    centre: Any
    commune: Any
    ward: Any
    district: Any
    old_communes: list[Any]
    types: dict[str, Any]


def _types() -> dict[str, Any]:
    from cchc.orgunits.services import unit_type_upsert

    spec = [
        ("tinh", "Tỉnh", 1, True, 1),
        ("so", "Sở", 1, False, 10),
        ("trung-tam", "Trung tâm Phục vụ hành chính công", 1, False, 20),
        ("huyen", "Huyện", 2, True, 30),
        ("xa", "Xã", 3, True, 40),
        ("phuong", "Phường", 3, True, 41),
    ]
    return {
        code: unit_type_upsert(code=code, name=name, level=level, is_territorial=terr, sort_order=order)
        for code, name, level, terr, order in spec
    }


@pytest.fixture
def province(db: Any) -> Province:
    from cchc.orgunits.services import unit_create, unit_merge

    t = _types()
    p = unit_create(
        actor=None,
        code="TINH",
        name="Tỉnh Thử Nghiệm",
        unit_type=t["tinh"],
        parent=None,
        abbreviation="UBND",
        valid_from=dt.date(2000, 1, 1),
    )
    snv = unit_create(
        actor=None, code="SNV", name="Sở Nội vụ", unit_type=t["so"], parent=p, abbreviation="SNV"
    )
    stc = unit_create(
        actor=None, code="STC", name="Sở Tài chính", unit_type=t["so"], parent=p, abbreviation="STC"
    )
    centre = unit_create(
        actor=None,
        code="TTPV",
        name="Trung tâm Phục vụ hành chính công",
        unit_type=t["trung-tam"],
        parent=p,
    )
    district = unit_create(
        actor=None,
        code="HUY",
        name="Huyện Cũ",
        unit_type=t["huyen"],
        parent=p,
        valid_from=dt.date(2000, 1, 1),
    )
    old = [
        unit_create(
            actor=None,
            code=f"XA{i}",
            name=name,
            unit_type=t["xa"],
            parent=district,
            valid_from=dt.date(2000, 1, 1),
        )
        for i, name in enumerate(["Xã An Cũ", "Xã Ánh Cũ", "Xã Ân Cũ"], start=1)
    ]
    commune = unit_create(
        actor=None, code="XA", name="Xã Đắk Mới", unit_type=t["xa"], parent=p, valid_from=REFORM
    )
    ward = unit_create(
        actor=None,
        code="PH",
        name="Phường Đặng Trung",
        unit_type=t["phuong"],
        parent=p,
        valid_from=REFORM,
    )
    unit_merge(
        actor=None,
        sources=old[:2],
        target=commune,
        effective_date=REFORM,
        decision="NQ 1/NQ-UBTVQH15",
    )
    unit_merge(actor=None, sources=old[2:], target=ward, effective_date=REFORM, decision="NQ 1/NQ-UBTVQH15")
    from cchc.orgunits.services import unit_close

    unit_close(actor=None, unit=district, valid_to=BEFORE, reason="Kết thúc hoạt động cấp huyện")
    for unit in [p, snv, stc, centre, commune, ward, district, *old]:
        unit.refresh_from_db()
    return Province(p, snv, stc, centre, commune, ward, district, old, t)


@dataclass
class Personas:
    province_admin: Any
    dept_officer: Any
    commune_officer: Any
    appraiser: Any
    leader: Any
    outsider: Any
    system_admin: Any
    nobody: Any

    def all(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _user(username: str, unit: Any = None, role: str | None = None, **extra: Any) -> Any:
    from cchc.accounts.services import user_create

    user = user_create(
        actor=None,
        username=username,
        full_name=username.replace("_", " ").title(),
        email=f"{username}@example.org",
        password=PASSWORD,
        unit=unit,
        role=role,
    )
    for key, value in extra.items():
        setattr(user, key, value)
    if extra:
        user.save()
    return user


@pytest.fixture
def personas(province: Province) -> Personas:
    return Personas(
        province_admin=_user("province_admin", province.province, Role.PROVINCE_ADMIN),
        dept_officer=_user("dept_officer", province.snv, Role.FOCAL_OFFICER),
        commune_officer=_user("commune_officer", province.commune, Role.FOCAL_OFFICER),
        appraiser=_user("appraiser", province.province, Role.APPRAISER),
        leader=_user("leader", province.province, Role.VIEWER),
        outsider=_user("outsider", province.stc, Role.FOCAL_OFFICER),
        system_admin=_user("system_admin", None, None, is_superuser=True, is_staff=True),
        nobody=_user("nobody"),
    )


@pytest.fixture
def client_for(client: Any) -> Any:
    """client_for(user) -> a Django test client logged in as `user` (no password round-trip)."""
    from django.test import Client

    def make(user: Any) -> Client:
        c = Client()
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return c

    return make


def pytest_report_header(config: Any) -> str:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"CCHC database backend: {engine} ({os.environ.get('DATABASE_URL', 'embedded SQLite')})"
