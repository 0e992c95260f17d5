from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "tridaya.cycle"
    label = "cycle"
