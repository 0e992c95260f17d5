from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "tridaya.dashboards"
    label = "dashboards"
