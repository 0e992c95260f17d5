from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tridaya.documents"
    label = "documents"
