from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "tridaya.institutions"
    label = "institutions"
