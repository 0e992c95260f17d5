from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "tridaya.mapping"
    label = "mapping"
