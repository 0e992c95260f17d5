from tridaya.finance.models.ledger import (
    GUARDED,
    MONEY,
    Account,
    AccountKind,
    CostCategory,
    Entry,
    PeriodClose,
    Purpose,
    Voucher,
    VoucherKind,
    VoucherSequence,
)

__all__ = [
    "GUARDED",
    "MONEY",
    "Account",
    "AccountKind",
    "CostCategory",
    "Entry",
    "PeriodClose",
    "Purpose",
    "Voucher",
    "VoucherKind",
    "VoucherSequence",
]
