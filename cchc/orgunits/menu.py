from django.utils.translation import gettext_lazy as _

from cchc.core.menu import MenuItem

ITEMS = [
    MenuItem(_("Units"), "orgunits:list", "bi-diagram-3", None, 20, section="system"),
    MenuItem(_("Unit groups"), "orgunits:group_list", "bi-collection", None, 30, section="system"),
]
