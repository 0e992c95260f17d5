"""Participatory planning models: prioritisation and votes, kawasan prioritas, RPLP and RTPLP."""

from tridaya.planning.models.kawasan import (  # noqa: F401, E402  (kawasan prioritas)
    AreaSource,
    AreaStatus,
    LandStatus,
    PriorityArea,
    Rating,
    SpatialConformity,
)
from tridaya.planning.models.plans import (  # noqa: E402, F401  (RPLP and RTPLP, PART 2)
    EDITABLE_STATES,
    LOCKED_STATES,
    VERSION_TEXT_FIELDS,
    DocumentOutline,
    Feedback,
    InvestmentRow,
    Plan,
    PlanKind,
    PlanProgram,
    PlanSignOff,
    PlanVersion,
    SignatoryKind,
    VersionState,
)
from tridaya.planning.models.priorities import (  # noqa: F401, E402  (prioritisation and votes)
    CRITERION_SCORE_MAX,
    VOTE_SCORE_MAX_LIMIT,
    Ballot,
    BallotKind,
    CriterionBasis,
    CriterionScore,
    OptionKind,
    PriorityCriterion,
    PriorityOption,
    PriorityRound,
    RoundStatus,
    VoteMethod,
)
from tridaya.planning.models.rab import (  # noqa: E402, F401  (RTPLP activities, RAB, HSPK)
    Activity,
    ActivityAttachment,
    AttachmentKind,
    PriceItem,
    PriceList,
    RABItem,
)
from tridaya.planning.models.snapshots import (  # noqa: E402, F401  (frozen legalised versions)
    SNAPSHOT_SCHEMA,
    DocumentFormat,
    PlanDocumentFile,
    PlanSnapshot,
)
