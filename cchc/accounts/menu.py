from django.utils.translation import gettext_lazy as _

from cchc.accounts import scope
from cchc.core.menu import MenuItem

ITEMS = [MenuItem(_("Users"), "accounts:user_list", "bi-people", scope.MANAGE_USERS, 80, section="system")]
