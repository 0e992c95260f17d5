from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "tridaya.mapping"
    label = "mapping"

    def ready(self) -> None:
        # Households and surveys (PART A).
        from tridaya.mapping import apps_households

        apps_households.ready()
        # Problems and potentials, layers, RT profiles and slum scores (PART B).
        from tridaya.mapping import apps_maps

        apps_maps.ready()
