"""Django messages that its own Vietnamese catalogue leaves untranslated but users see.

Marked here so `makemessages` copies them into our catalogue; LOCALE_PATHS come before Django's
own catalogues, so our translations win. Only messages a user of CCHC can meet are listed.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("- Select an option -"),  # the empty choice of every model select (Django 6)
    gettext_noop(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."
    ),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    gettext_noop("“%(value)s” value must be a decimal number."),
    gettext_noop("“%(value)s” value must be an integer."),
    gettext_noop("Value must be valid JSON."),
    gettext_noop("%(model)s instance with %(field)s %(value)r does not exist."),
]
