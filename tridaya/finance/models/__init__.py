from tridaya.finance.models.allocations import (
    Allocation,
    AllocationStatus,
    SchemeDefinition,
    SchemeKind,
)
from tridaya.finance.models.books import BankReconciliation
from tridaya.finance.models.ledger import (
    GUARDED,
    MONEY,
    Account,
    AccountKind,
    CostCategory,
    Entry,
    PeriodClose,
    Purpose,
    SwadayaContribution,
    SwadayaForm,
    Voucher,
    VoucherKind,
    VoucherSequence,
)
from tridaya.finance.models.partners import PartnerReceipt
from tridaya.finance.models.procurement import PriceQuote, PriceSurvey, Purchase, TaxLine
from tridaya.finance.models.proposals import (
    CashPlanItem,
    KsmRelease,
    Proposal,
    ProposalActivity,
    ProposalStatus,
)
from tridaya.finance.models.reports import (
    AnnualAudit,
    AuditFinding,
    AuditOpinion,
    Lpj,
    LpjStatus,
)
from tridaya.finance.models.tranches import (
    DOCUMENT_LABELS,
    DisbursementRequest,
    RequestStatus,
    SignOff,
)

__all__ = [
    "PartnerReceipt",
    "AnnualAudit",
    "AuditFinding",
    "AuditOpinion",
    "BankReconciliation",
    "PriceQuote",
    "PriceSurvey",
    "Purchase",
    "TaxLine",
    "CashPlanItem",
    "KsmRelease",
    "Proposal",
    "ProposalActivity",
    "ProposalStatus",
    "DOCUMENT_LABELS",
    "DisbursementRequest",
    "Lpj",
    "LpjStatus",
    "RequestStatus",
    "SignOff",
    "Allocation",
    "AllocationStatus",
    "SchemeDefinition",
    "SchemeKind",
    "GUARDED",
    "MONEY",
    "Account",
    "AccountKind",
    "CostCategory",
    "Entry",
    "PeriodClose",
    "Purpose",
    "SwadayaContribution",
    "SwadayaForm",
    "Voucher",
    "VoucherKind",
    "VoucherSequence",
]
