"""History tables read the labels the apps declare in `<app>/audit_labels.py`."""

from django.contrib.contenttypes.models import ContentType

from cchc.audit.labels import action_choices, action_label, changes_of, is_warning
from cchc.audit.models import AuditEvent
from cchc.plans.models import Plan, Task


def event(action, changes, model=Plan):
    return AuditEvent(action=action, changes=changes, content_type=ContentType.objects.get_for_model(model))


def test_app_actions_have_labels_and_warnings(db):
    assert action_label("plan.task_cancel") != "plan.task_cancel"
    assert is_warning("plan.task_cancel") and not is_warning("plan.create")
    assert ("plan.approve", action_label("plan.approve")) in action_choices()
    assert action_label("no.such_action") == "no.such_action"


def test_ids_show_names_and_app_choices_show_labels(province):
    changes = changes_of(
        event(
            "plan.update_create", {"lead_unit": [None, province.snv.pk], "status": [None, "completed"]}, Task
        )
    )
    by_field = {c.field: c for c in changes}
    assert by_field["lead_unit"].after == str(province.snv)
    assert by_field["lead_unit"].is_new  # "…_create" actions are creations
    assert by_field["status"].after not in ("completed", "—")


def test_a_deleted_object_shows_its_id(db):
    (change,) = changes_of(event("plan.task_update", {"lead_unit": [999_999, None]}))
    assert change.before == "#999999" and not change.is_new


def test_every_dossiers_action_has_a_label():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "dossiers"
    actions = set()
    for path in root.glob("*.py"):
        for line in path.read_text().splitlines():
            if "action=" in line:
                actions |= set(re.findall(r'"(dossiers\.[a-z_0-9]+)"', line))
    assert len(actions) == 8, actions
    assert all(action_label(a) != a for a in actions), sorted(a for a in actions if action_label(a) == a)
