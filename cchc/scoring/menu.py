from django.utils.translation import gettext_lazy as _

from cchc.accounts import scope
from cchc.core.menu import MenuItem

ITEMS = [
    MenuItem(
        _("PAR INDEX frameworks"), "scoring:list", "bi-ui-checks-grid", scope.READ, 61, section="par_index"
    ),
]
