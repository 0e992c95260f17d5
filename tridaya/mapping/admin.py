"""Admin screens of pemetaan swadaya, one module per part."""

from tridaya.mapping import (
    admin_households,  # noqa: F401,E402  (households, survey imports)
    admin_maps,  # noqa: F401  (problems, layers, RT profiles)
)
