from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import bootstrapify


class LoginForm(auth_forms.AuthenticationForm):
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil; "
            "setelah %(limit)s kali salah, akun dikunci sementara."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
        self.fields["username"].widget.attrs.update({"autocapitalize": "none"})

    def get_invalid_login_error(self):
        return ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT},
        )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Asks for the account's e-mail; the answer is the same whether or not an account has it,
    so the form cannot be used to find out who has an account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
        self.fields["email"].help_text = _(
            "Alamat e-mail yang tercatat di akun Anda. Tidak punya e-mail di akun? Minta BKM, "
            "fasilitator atau koordinator kota mengatur ulang kata sandi Anda."
        )


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
