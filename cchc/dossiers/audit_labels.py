"""How the audit log names the one-stop module's actions."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "dossiers.import": _("Dossiers imported"),
    "dossiers.calendar_year": _("Working calendar year set"),
    "dossiers.calendar_day": _("Working calendar day set"),
    "dossiers.calendar_day_delete": _("Working calendar day removed"),
    "dossiers.procedure_create": _("Procedure created"),
    "dossiers.procedure_update": _("Procedure updated"),
    "dossiers.reported_totals": _("Reported totals entered"),
    "dossiers.indicator_value": _("Decision 766 value entered"),
}
WARNINGS = frozenset({"dossiers.calendar_day_delete"})
