"""Labels of the PAR INDEX cycle actions (collected by cchc.audit.labels)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "par.cycle.create": _("Assessment cycle created"),
    "par.cycle.update": _("Assessment cycle updated"),
    "par.cycle.framework_add": _("Framework added to the cycle"),
    "par.cycle.participants_add": _("Participating units added"),
    "par.cycle.open": _("Assessment cycle opened"),
    "par.cycle.advance": _("Cycle moved to the next phase"),
    "par.deadline.extend": _("Deadline extended for a unit"),
    "par.answer.self": _("Self-assessment saved"),
    "par.answer.auto": _("System value recorded"),
    "par.answer.round1": _("Appraisal round 1 saved"),
    "par.answer.round2": _("Appraisal round 2 saved"),
    "par.answer.explain": _("Explanation saved"),
    "par.answer.correct": _("Published score corrected"),
    "par.assessment.submit": _("Self-assessment submitted"),
    "par.assessment.reopen": _("Self-assessment reopened"),
    "par.assessment.explanation_submit": _("Explanations submitted"),
    "par.assignment.set": _("Appraiser assigned"),
    "par.evidence.upload": _("Evidence uploaded"),
    "par.evidence.link": _("Evidence linked to a criterion"),
    "par.evidence.unlink": _("Evidence unlinked from a criterion"),
    "par.evidence.delete": _("Evidence deleted"),
    "par.results.recompute": _("Results recomputed"),
    "par.publish": _("Results published"),
}
WARNINGS = frozenset(
    {"par.assessment.reopen", "par.answer.correct", "par.evidence.delete", "par.deadline.extend"}
)
