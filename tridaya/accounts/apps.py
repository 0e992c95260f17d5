from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tridaya.accounts"
    label = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self) -> None:
        from tridaya.accounts import demo, policy
        from tridaya.core import demo as core_demo

        policy.install()
        core_demo.register(order=20, name="accounts", run=demo.seed)
