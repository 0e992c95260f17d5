from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "tridaya.oversight"
    label = "oversight"
