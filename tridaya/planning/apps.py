from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "tridaya.planning"
    label = "planning"
