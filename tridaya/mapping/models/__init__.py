"""Pemetaan swadaya models: households and surveys (households.py, surveys.py), problems and
potentials and map layers (problems.py, layers.py), RT profiles and slum scores (slum.py)."""

from tridaya.mapping.models.households import (  # noqa: F401  (households and poverty)
    CRITERIA_FIELDS,
    HOUSING_RULES,
    POOR_MIN_CRITERIA,
    POVERTY_CRITERIA,
    SAFE_SANITATION,
    SAFE_WATER,
    BuildingTenure,
    CookingFuel,
    Criterion,
    Electricity,
    Household,
    HouseholdSource,
    HousingCondition,
    HousingRule,
    IncomeSource,
    LandTenure,
    Sanitation,
    WasteDisposal,
    WaterSource,
    count_criteria,
    housing_contradiction,
    housing_contradictions,
    is_poor_by_criteria,
)
from tridaya.mapping.models.layers import (  # noqa: F401  (GIS layers of a village)
    Layer,
    LayerFeature,
    LayerKind,
)
from tridaya.mapping.models.problems import (  # noqa: F401  (problems and potentials)
    GEOMETRY_KIND_OF,
    SECTOR_DOMAINS,
    SEVERITY_MAX,
    SEVERITY_MIN,
    SLUM_ASPECT_SECTORS,
    GeometryKind,
    Problem,
    ProblemKind,
    ProblemPhoto,
    ProblemSource,
    ProblemStatus,
    Sector,
    TridayaDomain,
)
from tridaya.mapping.models.slum import (  # noqa: F401  (RT profiles and slum volumes)
    PRECISION,
    ProfileSource,
    RTProfile,
    SlumCriteriaSet,
    SlumVolume,
    precision_problem,
    precision_validator,
)
from tridaya.mapping.models.surveys import (  # noqa: F401  (survey imports and quarantine)
    ImportBatch,
    ImportMode,
    ImportStatus,
    QuarantinedRow,
    SourceFormat,
    SurveyForm,
)
