"""Date deadline: done on or before the deadline → full; late by at most N days → partial; else 0."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .base import (
    ZERO,
    InputField,
    Rule,
    RuleResult,
    RuleType,
    is_blank,
    points_param,
    pts,
    require,
    to_bool,
    to_count,
    to_date,
)


def _deadline(params: Mapping[str, Any]) -> dt.date:
    return to_date(params.get("deadline"), gettext("Deadline"))


class DeadlineRule(Rule):
    def validate(self, params: Mapping[str, Any], max_points: Decimal) -> dict[str, Any]:
        if is_blank(params.get("deadline")):
            raise ValidationError(gettext("The deadline is required."))
        clean: dict[str, Any] = {"deadline": _deadline(params).isoformat()}
        grace = params.get("grace_days", 0)
        clean["grace_days"] = to_count(0 if is_blank(grace) else grace, gettext("Days of grace"))
        late = params.get("late_points", 0)
        clean["late_points"] = str(
            points_param({"p": 0 if is_blank(late) else late}, "p", max_points, gettext("Points when late"))
        )
        if params.get("task_label"):
            clean["task_label"] = str(params["task_label"])[:200]
        return clean

    def fields(self, params: Mapping[str, Any]) -> list[InputField]:
        return [
            InputField("completed", "bool", params.get("task_label") or gettext("Completed")),
            InputField("completed_on", "date", gettext("Completion date"), required=False),
        ]

    def compute(
        self, params: Mapping[str, Any], max_points: Decimal, declared: Mapping[str, Any]
    ) -> RuleResult:
        done = require(declared, "completed")
        if done is None:
            return RuleResult(None)
        if not to_bool(done, params.get("task_label") or gettext("Completed")):
            return RuleResult(ZERO, note=gettext("Not completed"))
        raw = require(declared, "completed_on")
        if raw is None:
            return RuleResult(None)
        day = to_date(raw, gettext("Completion date"))
        deadline = _deadline(params)
        late_days = (day - deadline).days
        if late_days <= 0:
            return RuleResult(max_points, note=gettext("On time (%(day)s)") % {"day": f"{day:%d/%m/%Y}"})
        grace = int(params.get("grace_days", 0))
        if late_days <= grace:
            late_points = Decimal(str(params.get("late_points", ZERO)))
            return RuleResult(late_points, note=gettext("%(days)s day(s) late") % {"days": late_days})
        return RuleResult(ZERO, note=gettext("%(days)s day(s) late") % {"days": late_days})

    def describe(self, params: Mapping[str, Any], max_points: Decimal) -> str:
        try:
            deadline = f"{_deadline(params):%d/%m/%Y}"
        except ValidationError:
            deadline = "?"
        values = {
            "deadline": deadline,
            "max": pts(max_points),
            "days": params.get("grace_days", 0),
            "late": pts(Decimal(str(params.get("late_points", 0)))),
        }
        if int(params.get("grace_days", 0) or 0) > 0:
            return (
                gettext(
                    "On or before %(deadline)s → %(max)s points; up to %(days)s days late → %(late)s; "
                    "later or not done → 0"
                )
                % values
            )
        return gettext("On or before %(deadline)s → %(max)s points; late or not done → 0") % values


RULE = DeadlineRule(RuleType.DEADLINE, primary_field="completed_on")
