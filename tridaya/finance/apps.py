from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "tridaya.finance"
    label = "finance"
