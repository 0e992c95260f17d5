from tridaya.works.models.assets import (
    Asset,
    FunctionalityCheck,
    HandledVolume,
    Handover,
    IuranPayment,
    MaintenanceLog,
    OmPlan,
    Recipient,
)
from tridaya.works.models.packages import (
    Beneficiary,
    KsmReporter,
    PackageStatus,
    Quality,
    WorkItem,
    WorkPackage,
)
from tridaya.works.models.progress import (
    EntryStatus,
    FieldReport,
    Photo,
    ProgressEntry,
    ReportKind,
)

__all__ = [
    "Asset",
    "Beneficiary",
    "EntryStatus",
    "FieldReport",
    "FunctionalityCheck",
    "HandledVolume",
    "Handover",
    "IuranPayment",
    "KsmReporter",
    "MaintenanceLog",
    "OmPlan",
    "PackageStatus",
    "Photo",
    "ProgressEntry",
    "Quality",
    "Recipient",
    "ReportKind",
    "WorkItem",
    "WorkPackage",
]
