from django.utils.translation import gettext_lazy as _

from cchc.accounts import scope
from cchc.core.menu import MenuItem

ITEMS = [
    MenuItem(_("One-stop dossiers"), "dossiers:list", "bi-folder2-open", scope.READ, 70, section="one_stop"),
    MenuItem(
        _("Dossier statistics"),
        "dossiers:statistics",
        "bi-bar-chart-line",
        scope.READ,
        71,
        section="one_stop",
    ),
    MenuItem(
        _("Decision 766 index"),
        "dossiers:decision766",
        "bi-speedometer2",
        scope.READ,
        72,
        section="one_stop",
    ),
]
