from django.utils.translation import gettext_lazy as _

from cchc.accounts import scope
from cchc.core.menu import MenuItem

ITEMS = [
    MenuItem(
        _("PAR INDEX"), "assessments:cycle_list", "bi-clipboard-check", scope.READ, 60, section="par_index"
    ),
]
