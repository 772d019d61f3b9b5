"""Framework editor pages: who sees what, the tree, the htmx rule fields, create/edit/clone/move/delete."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from cchc.audit.models import AuditEvent
from cchc.scoring.models import Criterion, Framework
from cchc.scoring.testing import make_framework

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(province: Any) -> Framework:
    return make_framework(owner=province.province)


PAGES = {
    # persona: (list, detail, edit)
    "province_admin": (200, 200, 200),
    "system_admin": (200, 200, 200),
    "dept_officer": (200, 200, 403),
    "appraiser": (200, 200, 403),
    "leader": (200, 200, 403),
    "outsider": (200, 200, 403),
    "commune_officer": (200, 200, 403),
    "nobody": (200, 404, 404),
}


@pytest.mark.parametrize("persona", list(PAGES))
def test_pages_per_persona(client_for: Any, personas: Any, framework: Framework, persona: str) -> None:
    client = client_for(getattr(personas, persona))
    urls = [
        reverse("scoring:list"),
        framework.get_absolute_url(),
        reverse("scoring:edit", args=[framework.pk]),
    ]
    assert tuple(client.get(u).status_code for u in urls) == PAGES[persona]


def english(name: str, *args: Any) -> str:
    """The English URL: assertions on text must not depend on whether the catalogue is compiled yet."""
    with translation.override("en"):
        return reverse(name, args=args)


def test_detail_shows_tree_rules_and_totals(client_for: Any, personas: Any, framework: Framework) -> None:
    text = client_for(personas.dept_officer).get(english("scoring:detail", framework.pk)).text
    assert "Tỷ lệ hoàn thành kế hoạch CCHC" in text and "<code>1.2</code>" in text
    assert "Reaching 100% → 2,00 points; 80% to under 100% → 1,00; under 80% → 0" in text
    assert "10,00" in text or "10.00" in text  # base total
    assert "/tieu-chi/" not in text  # read-only: no edit links
    admin_text = client_for(personas.province_admin).get(english("scoring:detail", framework.pk)).text
    assert "/tieu-chi/" in admin_text


def test_anonymous_goes_to_login(client: Any, framework: Framework) -> None:
    response = client.get(framework.get_absolute_url())
    assert (response.status_code == 302 and "/dang-nhap" in response["Location"]) or "login" in response[
        "Location"
    ]


def test_create_framework_and_criteria(client_for: Any, personas: Any, province: Any) -> None:
    client = client_for(personas.province_admin)
    response = client.post(reverse("scoring:create"), {"code": "so-2026", "name": "Sở 2026", "year": 2026})
    framework = Framework.objects.get(code="so-2026")
    assert response.status_code == 302 and framework.owner == province.province
    url = reverse("scoring:criterion_create", args=[framework.pk])
    response = client.post(
        url,
        {
            "code": "1",
            "title": "Chỉ đạo",
            "max_points": "1",
            "kind": "base",
            "method": "self",
            "rule_type": "manual",
        },
    )
    assert response.status_code == 302
    domain = Criterion.objects.get(framework=framework, code="1")
    response = client.post(
        url,
        {
            "parent": domain.pk,
            "code": "1.1",
            "title": "Tỷ lệ hoàn thành",
            "max_points": "1",
            "kind": "base",
            "method": "self",
            "rule_type": "tiers",
            "p-basis": "percent",
            "p-tiers": "100; 1\n80; 0,5",
        },
    )
    assert response.status_code == 302, response.text
    leaf = Criterion.objects.get(framework=framework, code="1.1")
    assert leaf.parent == domain and leaf.rule_params["tiers"] == [["100", "1"], ["80", "0.5"]]


def test_invalid_rule_params_are_shown(client_for: Any, personas: Any, framework: Framework) -> None:
    client = client_for(personas.province_admin)
    url = reverse("scoring:criterion_create", args=[framework.pk])
    response = client.post(
        url,
        {
            "code": "9",
            "title": "X",
            "max_points": "1",
            "kind": "base",
            "method": "self",
            "rule_type": "tiers",
            "p-basis": "percent",
            "p-tiers": "100; 5",
        },
    )
    assert response.status_code == 200
    assert "between 0 and the maximum" in response.text or "từ 0 đến" in response.text
    assert not Criterion.objects.filter(framework=framework, code="9").exists()


def test_edit_criterion_keeps_params(client_for: Any, personas: Any, framework: Framework) -> None:
    leaf = Criterion.objects.get(framework=framework, code="1.1")
    client = client_for(personas.province_admin)
    page = client.get(reverse("scoring:criterion_edit", args=[leaf.pk]))
    assert page.status_code == 200 and "31/01/2025" in page.text
    response = client.post(
        reverse("scoring:criterion_edit", args=[leaf.pk]),
        {
            "parent": leaf.parent_id,
            "code": "1.1",
            "title": "Kế hoạch ban hành đúng hạn",
            "max_points": "2",
            "kind": "base",
            "method": "self",
            "rule_type": "deadline",
            "p-deadline": "15/02/2025",
            "p-grace_days": "5",
            "p-late_points": "1",
        },
    )
    assert response.status_code == 302
    leaf.refresh_from_db()
    assert leaf.rule_params["deadline"] == "2025-02-15" and leaf.title == "Kế hoạch ban hành đúng hạn"
    assert AuditEvent.objects.filter(action="criterion.update").exists()


def test_rule_params_partial(client_for: Any, personas: Any) -> None:
    response = client_for(personas.province_admin).get(
        reverse("scoring:rule_params"), {"rule_type": "formula"}
    )
    assert response.status_code == 200 and "<html" not in response.text
    assert 'name="p-expression"' in response.text and 'name="p-inputs"' in response.text


def test_clone_move_and_delete(client_for: Any, personas: Any, framework: Framework) -> None:
    client = client_for(personas.province_admin)
    response = client.post(
        reverse("scoring:clone", args=[framework.pk]), {"code": "so-2026", "name": "Sở 2026", "year": 2026}
    )
    clone = Framework.objects.get(code="so-2026")
    assert response.status_code == 302 and clone.criteria.count() == framework.criteria.count()
    leaf = Criterion.objects.get(framework=clone, code="1.2")
    client.post(reverse("scoring:criterion_move", args=[leaf.pk]), {"direction": "up"})
    assert [c.code for c in clone.tree().by_id[leaf.parent_id].children] == ["1.2", "1.1", "1.3"]
    client.post(reverse("scoring:criterion_delete", args=[leaf.pk]))
    assert not Criterion.objects.filter(pk=leaf.pk).exists()
    client.post(reverse("scoring:delete", args=[clone.pk]))
    assert not Framework.objects.filter(pk=clone.pk).exists()


def test_frozen_framework_cannot_be_edited_in_the_ui(
    client_for: Any, personas: Any, framework: Framework
) -> None:
    from cchc.scoring.services import framework_freeze

    framework_freeze(actor=None, framework=framework)
    client = client_for(personas.province_admin)
    leaf = Criterion.objects.get(framework=framework, code="2.1")
    response = client.post(
        english("scoring:criterion_edit", leaf.pk),
        {
            "code": "2.1",
            "title": "Đổi",
            "max_points": "1",
            "kind": "base",
            "method": "self",
            "rule_type": "yes_no",
        },
    )
    assert response.status_code == 200 and "is frozen" in response.text
    leaf.refresh_from_db()
    assert leaf.title == "Công khai thủ tục hành chính"
    response = client.post(reverse("scoring:delete", args=[framework.pk]))
    assert Framework.objects.filter(pk=framework.pk).exists()
