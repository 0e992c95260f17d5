from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "tridaya.dashboards"
    label = "dashboards"
    verbose_name = _("Dasbor")

    def ready(self) -> None:
        from tridaya.core import figures, jobs
        from tridaya.core.navigation import register_region_section
        from tridaya.dashboards import policy, services, tasks  # noqa: F401 (policy registers)

        figures.add_change_listener(services.mark_dirty)
        jobs.register(services.REFRESH_JOB, tasks.refresh_figures, label=_("Hitung ulang angka"))
        jobs.register(services.REBUILD_JOB, tasks.rebuild_figures, label=_("Bangun ulang angka"))
        register_region_section(
            order=90, label=_("Dasbor"), url_name="dashboards:region", icon="speedometer2"
        )
