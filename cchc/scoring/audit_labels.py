from django.utils.translation import gettext_lazy as _

LABELS = {
    "framework.create": _("Framework created"),
    "framework.update": _("Framework updated"),
    "framework.clone": _("Framework cloned"),
    "framework.freeze": _("Framework frozen"),
    "framework.delete": _("Framework deleted"),
    "criterion.create": _("Criterion added"),
    "criterion.update": _("Criterion updated"),
    "criterion.move": _("Criterion moved"),
    "criterion.delete": _("Criterion deleted"),
}
WARNINGS = frozenset({"framework.delete", "criterion.delete"})
