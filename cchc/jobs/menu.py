from django.utils.translation import gettext_lazy as _

from cchc.core.menu import MenuItem

ITEMS = [MenuItem(_("Background jobs"), "jobs:list", "bi-hourglass-split", None, 95, section="system")]
