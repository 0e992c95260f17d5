"""Codes of refused money operations (callers branch on these, never on message text)."""

from enum import StrEnum


class FinanceError(StrEnum):
    NOT_A_VILLAGE = "finance_not_a_village"
    CHART_EXISTS = "finance_chart_exists"
    NO_CHART = "finance_no_chart"
    TOO_FEW_LINES = "finance_too_few_lines"
    BAD_AMOUNT = "finance_bad_amount"
    UNBALANCED = "finance_unbalanced"
    FOREIGN_ACCOUNT = "finance_account_of_other_village"
    KIND_MISMATCH = "finance_voucher_kind_mismatch"
    PERIOD_CLOSED = "finance_period_closed"
    PERIOD_ALREADY_CLOSED = "finance_period_already_closed"
    PERIOD_IN_FUTURE = "finance_period_in_future"
    OVERDRAWN = "finance_overdrawn"
    EVIDENCE_MISSING = "finance_evidence_missing"
    EVIDENCE_TYPE = "finance_evidence_type"
    EVIDENCE_TOO_LARGE = "finance_evidence_too_large"
    ALREADY_REVERSED = "finance_already_reversed"
    REVERSING_A_REVERSAL = "finance_reversing_a_reversal"
    IDEMPOTENCY_CONFLICT = "finance_idempotency_conflict"
    REASON_TOO_SHORT = "finance_reason_too_short"
    SCHEME_UNKNOWN = "finance_scheme_unknown"
    SCHEME_CHANGED = "finance_scheme_changed"
    SCHEME_INVALID = "finance_scheme_invalid"
    ALLOCATION_EXISTS = "finance_allocation_exists"
    ALLOCATION_NOT_ACTIVE = "finance_allocation_not_active"
    ALLOCATION_STATUS = "finance_allocation_wrong_status"
    NOTHING_TO_RETURN = "finance_nothing_to_return"
    TRANCHE_UNKNOWN = "finance_tranche_unknown"
    TRANCHE_OUT_OF_ORDER = "finance_tranche_out_of_order"
    REQUEST_EXISTS = "finance_request_exists"
    REQUEST_STATUS = "finance_request_wrong_status"
    CONDITIONS_NOT_MET = "finance_conditions_not_met"
    DOCUMENT_UNKNOWN = "finance_document_unknown"
    SIGNER_MISSING = "finance_signer_missing"
    LPJ_STATUS = "finance_lpj_wrong_status"
    LPJ_EXISTS = "finance_lpj_exists"
    PROPOSAL_STATUS = "finance_proposal_wrong_status"
    PROPOSAL_EXISTS = "finance_proposal_exists"
    NOT_IN_RTPLP = "finance_activity_not_in_legalised_rtplp"
    PROPOSAL_EMPTY = "finance_proposal_empty"
    WRONG_VILLAGE = "finance_wrong_village"
    RPD_BAD = "finance_cash_plan_bad"
    RELEASE_OVER_TRANCHE = "finance_release_over_tranche"
    RELEASE_CONDITIONS = "finance_release_conditions_not_met"
    BAND_EVIDENCE_MISSING = "finance_procurement_band_evidence_missing"
    QUOTE_ELSEWHERE = "finance_quote_of_other_survey"
    TAX_LINES_OFF = "finance_tax_lines_off"
    DIFFERENCE_UNEXPLAINED = "finance_reconciliation_difference_unexplained"


def refuse(code: FinanceError, message: str, *, field: str | None = None):
    """A DomainError carrying its code and, for forms, the field it concerns (`error.field`)."""
    from tridaya.core.errors import DomainError

    error = DomainError(message, code=code)
    error.field = field
    return error
