from django.utils.translation import gettext_lazy as _

from cchc.accounts import scope
from cchc.core.menu import MenuItem

ITEMS = [MenuItem(_("Audit log"), "audit:list", "bi-journal-text", scope.VIEW_AUDIT, 90, section="system")]
