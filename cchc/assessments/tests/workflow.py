"""Driving a unit through the cycle in tests: fill, submit, appraise, explain."""

from __future__ import annotations

from typing import Any

from cchc.assessments import services
from cchc.assessments.models import Answer

# Declared values per leaf code for a sheet that reaches 1 + 1 + 1 = 3 points of the self-scored 4.
DEFAULT = {
    "1.1": {"achieved": True},
    "1.2": {"value": "85"},
    "2.1": {"points": "1"},
    "T.1": {"points": "0.5"},
}


def fill(par: Any, assessment: Any, actor: Any, values: dict[str, dict[str, Any]] | None = None) -> None:
    for code, declared in (values or DEFAULT).items():
        answer = par.answer(assessment, code)
        services.answer_save_self(
            actor=actor,
            answer=answer,
            declared=declared,
            explanation="Theo báo cáo năm",
            version=answer.version,
        )


def assign_all(par: Any, assessment: Any, appraiser: Any, admin: Any) -> None:
    from cchc.scoring.models import Criterion

    for domain in Criterion.objects.filter(framework=par.framework, parent=None):
        services.assignment_set(actor=admin, assessment=assessment, domain=domain, appraiser=appraiser)


def appraise(par: Any, assessment: Any, actor: Any, code: str, rnd: int, decision: str, **kw: Any) -> Answer:
    answer = par.answer(assessment, code)
    return services.answer_appraise(
        actor=actor, answer=answer, round=rnd, decision=decision, version=answer.version, **kw
    )
