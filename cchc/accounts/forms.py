"""Forms of the account pages. They parse and validate input; the services do the writing."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cchc.accounts import scope
from cchc.accounts.models import Role, User
from cchc.orgunits.models import OrgUnit

INDENT = "\u00a0\u00a0\u00a0"


class BootstrapMixin:
    """Give every widget its Bootstrap class (form-control, form-select, form-check-input)."""

    fields: dict[str, forms.Field]

    def _style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            classes = widget.attrs.get("class", "").split()
            if css not in classes:
                widget.attrs["class"] = " ".join([*classes, css])


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


def add_service_errors(form: forms.Form, exc: ValidationError, field: str | None = None) -> None:
    """Show a service's ValidationError on the form: per field when it names one, else on `field`."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, exc)


def role_choices(actor: Any) -> list[tuple[str, Any]]:
    """Roles the actor may grant: the system administrator role only by a system administrator."""
    if scope.is_system_admin(actor):
        return list(Role.choices)
    return [(value, label) for value, label in Role.choices if value != Role.SYSTEM_ADMIN]


class UnitChoiceField(forms.ChoiceField):
    """A choice among given units, indented as a tree; cleans to the OrgUnit (or None)."""

    def __init__(self, units: list[OrgUnit], *, empty_label: Any = "", **kwargs: Any) -> None:
        self.units = {str(u.pk): u for u in units}
        base = min((u.depth for u in units), default=0)
        choices = [("", empty_label)] + [(str(u.pk), INDENT * (u.depth - base) + u.name) for u in units]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value: Any) -> OrgUnit | None:  # type: ignore[override]
        value = super().clean(value)
        return self.units.get(value) if value else None


class UserFilterForm(StyledForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, username, e-mail, position…")}
        ),
    )
    role = forms.ChoiceField(label=_("Role"), required=False)
    unit: UnitChoiceField

    def __init__(self, *args: Any, actor: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [("", _("All roles")), *Role.choices]
        self.fields["unit"] = UnitChoiceField(
            units, label=_("Unit"), required=False, empty_label=_("All units")
        )
        self._style()


class PasswordPairMixin:
    """Two password inputs that must match and pass the password validators for `password_user`."""

    password_fields = ("password1", "password2")

    def check_password_pair(self, cleaned: dict[str, Any], user: User) -> None:
        first, second = (cleaned.get(name) for name in self.password_fields)
        if not first or not second:
            return
        if first != second:
            self.add_error(self.password_fields[1], _("The two passwords do not match."))  # type: ignore[attr-defined]
            return
        try:
            validate_password(first, user)
        except ValidationError as exc:
            self.add_error(self.password_fields[1], exc)  # type: ignore[attr-defined]


def _password_field(label: Any, *, help_text: Any = "", new: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password" if new else "current-password"}),
    )


class UserCreateForm(PasswordPairMixin, StyledForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Used to sign in. Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Needed to reset a forgotten password."),
    )
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    password1 = _password_field(_("Password"))
    password2 = _password_field(_("Password (again)"))
    role = forms.ChoiceField(label=_("Role"), required=False)
    unit: UnitChoiceField

    def __init__(self, *args: Any, actor: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_validators_help_text_html()
        self.actor_is_system_admin = scope.is_system_admin(actor)
        required = not self.actor_is_system_admin
        self.fields["unit"] = UnitChoiceField(
            units,
            label=_("Unit"),
            required=required,
            empty_label=_("Choose a unit") if required else _("No unit for now"),
            help_text=_("The account's first role is held in this unit and covers its sub-units."),
        )
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            ("", _("Choose a role")),
            *role_choices(actor),
        ]
        self.fields["role"].required = required
        self.order_fields(
            ["username", "full_name", "email", "position", "phone", "unit", "role", "password1", "password2"]
        )
        self._style()

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is already taken."), code="unique")
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        both_parsed = "unit" not in self.errors and "role" not in self.errors
        if both_parsed and bool(cleaned.get("unit")) != bool(cleaned.get("role")):
            missing = "role" if cleaned.get("unit") else "unit"
            self.add_error(missing, _("Choose both a unit and a role, or neither."))
        candidate = User(
            username=cleaned.get("username", ""),
            full_name=cleaned.get("full_name", ""),
            email=cleaned.get("email", ""),
        )
        self.check_password_pair(cleaned, candidate)
        return cleaned


class UserEditForm(StyledForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        help_text=_("Optional; kept in the audit log."),
    )

    PROFILE_FIELDS = ("full_name", "email", "position", "phone")

    @classmethod
    def for_user(cls, user: User, data: Any = None) -> UserEditForm:
        return cls(data, initial={name: getattr(user, name) for name in cls.PROFILE_FIELDS})

    def changed_profile(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.PROFILE_FIELDS if name in self.changed_data}


class MembershipAddForm(StyledForm):
    unit: UnitChoiceField
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, actor: Any, units: list[OrgUnit], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "membership_%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(units, label=_("Unit"), empty_label=_("Choose a unit"))
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            ("", _("Choose a role")),
            *role_choices(actor),
        ]
        self.order_fields(["unit", "role"])
        self._style()


class AdminSetPasswordForm(PasswordPairMixin, StyledForm):
    """An administrator sets a new password for another account (no old password needed)."""

    password1 = _password_field(_("New password"))
    password2 = _password_field(_("New password (again)"))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "setpw_%s")
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_validators_help_text_html()
        self.user = user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_password_pair(cleaned, self.user)
        return cleaned


class ApiTokenForm(StyledForm):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Monthly report script”."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "token_%s")
        super().__init__(*args, **kwargs)
