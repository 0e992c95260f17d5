"""Admin of the planning app; each part keeps its own module."""

from tridaya.planning import (
    admin_plans,  # noqa: F401  (RPLP and RTPLP)
    admin_priorities,  # noqa: F401, E402  (prioritisation and kawasan)
)
