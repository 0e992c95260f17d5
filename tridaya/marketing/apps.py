from django.apps import AppConfig


class MarketingConfig(AppConfig):
    name = "tridaya.marketing"
    label = "marketing"
