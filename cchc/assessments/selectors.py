"""Scoped reads of cycles, assessments, answers and evidence.

A cycle is visible to whoever may read its organising unit or one of its participating units; an
assessment (and its answers and evidence) to whoever may read its unit. Out of scope → 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from cchc.accounts import scope
from cchc.assessments import frameworks
from cchc.assessments.models import (
    Answer,
    Assessment,
    Assignment,
    Cycle,
    DeadlineExtension,
    Evidence,
    EvidenceLink,
    Publication,
)
from cchc.assessments.services._common import MANAGE_CAPABILITY, effective_deadline, today
from cchc.scoring import rules
from cchc.scoring.tree import Node


def cycles_for_user(user: Any) -> QuerySet[Cycle]:
    if scope.is_system_admin(user):
        return Cycle.objects.select_related("owner")
    visible = scope.unit_q(user, prefix="owner__") | Q(
        pk__in=Assessment.objects.filter(scope.unit_q(user)).values("cycle_id")
    )
    return Cycle.objects.filter(visible).select_related("owner")


def get_cycle_for_user(user: Any, pk: Any) -> Cycle:
    try:
        return cycles_for_user(user).get(pk=pk)
    except (Cycle.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_manage(user: Any, cycle: Cycle) -> bool:
    return scope.can(user, MANAGE_CAPABILITY, cycle.owner)


def can_see_all(user: Any, cycle: Cycle) -> bool:
    """Province-level readers (administrators, appraisers, viewers) see every unit's progress."""
    return scope.can(user, scope.READ, cycle.owner)


def can_appraise_cycle(user: Any, cycle: Cycle) -> bool:
    return scope.can(user, scope.APPRAISE, cycle.owner) or can_manage(user, cycle)


def assessments_for_user(user: Any, cycle: Cycle) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(cycle=cycle)
        .filter(scope.unit_q(user))
        .select_related("unit", "cycle_framework")
        .order_by("cycle_framework__sort_order", "unit__name")
    )


def get_assessment_for_user(user: Any, pk: Any, capability: str = scope.READ) -> Assessment:
    try:
        assessment = Assessment.objects.select_related(
            "cycle__owner", "unit__unit_type", "cycle_framework__framework"
        ).get(pk=pk)
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    scope.require(user, capability, assessment.unit)
    return assessment


def get_answer_for_user(user: Any, pk: Any, capability: str = scope.READ) -> Answer:
    try:
        answer = Answer.objects.select_related(
            "assessment__cycle__owner", "assessment__unit", "criterion"
        ).get(pk=pk)
    except (Answer.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    scope.require(user, capability, answer.assessment.unit)
    return answer


def get_evidence_for_user(user: Any, pk: Any) -> Evidence:
    """Downloads: only for those who may see the assessment."""
    try:
        evidence = Evidence.objects.select_related("assessment__unit").get(pk=pk)
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    scope.require(user, scope.READ, evidence.assessment.unit)
    return evidence


def is_late(assessment: Assessment, extensions: list[DeadlineExtension]) -> bool:
    """Whether the unit's step of the current phase is overdue."""
    cycle = assessment.cycle
    day = today()
    if cycle.status == Cycle.Status.SELF_ASSESSMENT and not assessment.is_locked:
        deadline = effective_deadline(assessment, DeadlineExtension.Phase.SELF, extensions)
        return deadline is not None and day > deadline
    if cycle.status == Cycle.Status.EXPLANATION and assessment.explanation_submitted_at is None:
        deadline = effective_deadline(assessment, DeadlineExtension.Phase.EXPLANATION, extensions)
        return deadline is not None and day > deadline
    return False


@dataclass
class Row:
    """One criterion of a sheet: a tree node, and for leaves the answer and what the engine says."""

    node: Node
    answer: Answer | None = None
    fields: list[Any] = field(default_factory=list)
    rule_text: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    self_scored: bool = True

    def inputs(self) -> list[dict[str, Any]]:
        """The rule's input fields with the declared values (dates shown dd/mm/yyyy)."""
        declared = self.answer.declared if self.answer else {}
        items = []
        for f in self.fields:
            value = declared.get(f.name, "")
            if f.kind == "date" and isinstance(value, str) and len(value) == 10 and value[4] == "-":
                value = f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
            if f.kind == "bool" and value != "":
                value = "true" if value in (True, "true", "True", "1", "on") else "false"
            items.append({"field": f, "value": value, "name": f"f_{f.name}"})
        return items

    @property
    def indent(self) -> int:
        return self.node.depth


def sheet_rows(assessment: Assessment) -> list[Row]:
    """The framework tree with the unit's answers (constant number of queries)."""
    tree = frameworks.load_trees([assessment.cycle_framework.framework_id])[
        assessment.cycle_framework.framework_id
    ]
    answers = {
        a.criterion_id: a
        for a in Answer.objects.filter(assessment=assessment).select_related("r1_by", "r2_by")
    }
    links: dict[int, list[Evidence]] = defaultdict(list)
    for link in (
        EvidenceLink.objects.filter(evidence__assessment=assessment)
        .select_related("evidence")
        .order_by("evidence__uploaded_at")
    ):
        links[link.answer_id].append(link.evidence)
    rows = []
    unit_type = assessment.unit.unit_type_id
    for node in tree.nodes:
        if not tree.applies(node, unit_type):
            continue
        row = Row(node=node)
        if node.is_leaf:
            row.answer = answers.get(node.id)
            row.fields = rules.input_fields(node.rule_type, node.rule_params)
            row.rule_text = rules.describe(node.rule_type, node.rule_params, node.max_points)
            row.self_scored = node.method in ("self", "auto")
            if row.answer:
                row.evidence = links.get(row.answer.pk, [])
        rows.append(row)
    return rows


def latest_publication(cycle: Cycle) -> Publication | None:
    return cycle.publications.order_by("-version").first()


def published_cycles() -> QuerySet[Cycle]:
    return (
        Cycle.objects.filter(publications__isnull=False)
        .annotate(versions=Count("publications"))
        .select_related("owner")
        .order_by("-year", "name")
    )


def get_published(pk: Any) -> tuple[Cycle, Publication]:
    """A cycle with at least one publication and its latest version (anything else is 404)."""
    publication = (
        Publication.objects.filter(cycle_id=pk if str(pk).isdigit() else 0)
        .select_related("cycle__owner")
        .order_by("-version")
        .first()
    )
    if publication is None:
        raise Http404
    return publication.cycle, publication


def appraisal_progress(cycle: Cycle) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(per unit, per appraiser): answers appraised in the current round out of those assigned."""
    round_field = "r2_decision" if cycle.status == Cycle.Status.APPRAISAL_2 else "r1_decision"
    assignments = list(Assignment.objects.filter(cycle=cycle).select_related("appraiser", "assessment__unit"))
    domain_of: dict[int, int] = {}
    trees = frameworks.load_trees({e.framework_id for e in cycle.frameworks.all()})
    for tree in trees.values():
        for node in tree.nodes:
            domain_of[node.id] = node.domain_id
    answers = Answer.objects.filter(assessment__cycle=cycle).values_list(
        "assessment_id", "criterion_id", round_field
    )
    assigned = {(a.assessment_id, a.domain_id): a.appraiser for a in assignments}
    units: dict[int, dict[str, Any]] = {}
    people: dict[int, dict[str, Any]] = {}
    names = {a.assessment_id: a.assessment.unit.name for a in assignments}
    for assessment in Assessment.objects.filter(cycle=cycle).select_related("unit"):
        names[assessment.pk] = assessment.unit.name
        units[assessment.pk] = {
            "assessment_id": assessment.pk,
            "unit": assessment.unit.name,
            "done": 0,
            "total": 0,
            "unassigned": 0,
        }
    for assessment_id, criterion_id, decision in answers:
        u = units[assessment_id]
        u["total"] += 1
        appraiser = assigned.get((assessment_id, domain_of.get(criterion_id, 0)))
        if appraiser is None:
            u["unassigned"] += 1
            continue
        p = people.setdefault(
            appraiser.pk, {"name": appraiser.get_full_name() or appraiser.username, "done": 0, "total": 0}
        )
        p["total"] += 1
        if decision:
            u["done"] += 1
            p["done"] += 1
    return sorted(units.values(), key=lambda u: u["unit"]), sorted(people.values(), key=lambda p: p["name"])
