"""Who may see and run what on the dashboards. Figures are counts and sums over villages (no
person can be identified from them), so reading them is public; starting a full rebuild is for
the national admin."""

from tridaya.core.policy import register

register("dashboards.view", public=True)
register("dashboards.rebuild", roles={"national_admin"})
