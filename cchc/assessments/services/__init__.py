"""Writes of the PAR INDEX cycles, one module per stage; import from here."""

from cchc.assessments.services.answers import (
    answer_save_self,
    answers_refresh_auto,
    assessment_reopen,
    assessment_submit,
    completeness,
    missing_items,
)
from cchc.assessments.services.appraisal import (
    answer_appraise,
    answer_explain,
    assessment_submit_explanation,
    assignment_set,
    has_conflict,
)
from cchc.assessments.services.cycles import (
    cycle_advance,
    cycle_create,
    cycle_framework_add,
    cycle_open,
    cycle_participants_add,
    cycle_update,
    deadline_extend,
)
from cchc.assessments.services.evidence import (
    evidence_delete,
    evidence_link,
    evidence_unlink,
    evidence_upload,
)
from cchc.assessments.services.publication import Correction, cycle_publish, publication_correct
from cchc.assessments.services.results import results_recompute

__all__ = [
    "Correction",
    "answer_appraise",
    "answer_explain",
    "answer_save_self",
    "answers_refresh_auto",
    "assessment_reopen",
    "assessment_submit",
    "assessment_submit_explanation",
    "assignment_set",
    "completeness",
    "cycle_advance",
    "cycle_create",
    "cycle_framework_add",
    "cycle_open",
    "cycle_participants_add",
    "cycle_publish",
    "cycle_update",
    "deadline_extend",
    "evidence_delete",
    "evidence_link",
    "evidence_unlink",
    "evidence_upload",
    "has_conflict",
    "missing_items",
    "publication_correct",
    "results_recompute",
]
