from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "tridaya.training"
    label = "training"
