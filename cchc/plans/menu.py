from django.utils.translation import gettext_lazy as _

from cchc.accounts import scope
from cchc.core.menu import MenuItem

ITEMS = [
    MenuItem(_("PAR plans"), "plans:list", "bi-list-check", scope.READ, 40, section="plans"),
    MenuItem(_("My tasks"), "plans:my_tasks", "bi-person-check", scope.WRITE, 41, section="plans"),
    MenuItem(_("Resolution targets"), "plans:programme_list", "bi-bullseye", scope.READ, 42, section="plans"),
    MenuItem(_("Meetings"), "plans:meeting_list", "bi-people", scope.READ, 43, section="plans"),
]
