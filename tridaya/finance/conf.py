"""Money settings: each a Django setting when defined, else the environment, else the default.

Why each is a setting (not a constant) is in docs/finance.md: the public record gives the PLPBK
amount and the 70% physical share, but bands, caps and the tax switch vary per program and city
(DOMAIN-implementation.md §12-13)."""

from django.conf import settings

from tridaya.env import env_bool, env_int, env_percent


def evidence_max_bytes() -> int:
    """Largest receipt photo or scan accepted (default 5 MB)."""
    return getattr(
        settings,
        "FINANCE_EVIDENCE_MAX_BYTES",
        env_int(
            "TRIDAYA_FINANCE_EVIDENCE_MAX_BYTES",
            5 * 1024 * 1024,
            minimum=1024,
            maximum=100 * 1024 * 1024,
            unit="bytes",
        ),
    )


def plpbk_default_amount() -> int:
    """The PLPBK BLM allocation per kelurahan: Rp 1 milyar [V, S3 S4]."""
    return getattr(
        settings,
        "FINANCE_PLPBK_AMOUNT",
        env_int(
            "TRIDAYA_FINANCE_PLPBK_AMOUNT",
            1_000_000_000,
            minimum=1,
            maximum=10**15,
            unit="rupiah",
        ),
    )


def min_physical_share():
    """Least share of the allocation for physical works, percent (~700 of 1000 juta) [V, S3]."""
    return getattr(
        settings,
        "FINANCE_MIN_PHYSICAL_PERCENT",
        env_percent("TRIDAYA_FINANCE_MIN_PHYSICAL_PERCENT", 70),
    )


def tax_lines_enabled() -> bool:
    """Tax lines on expenses: no PLPBK rule found [NF], so off by default."""
    return getattr(
        settings, "FINANCE_TAX_LINES", env_bool("TRIDAYA_FINANCE_TAX_LINES", default=False)
    )
