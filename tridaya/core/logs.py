"""Structured logs: one JSON object per line with the request id, and personal data masked.

`TRIDAYA_LOG_FORMAT=json` (the default in production) writes lines a log collector can index:
time, level, logger, message, request_id (the X-Request-ID the response carries and the audit
events record), and the exception when there is one. `text` is for a developer's terminal.

Whatever the format, a 16-digit number (a NIK or a KK number) in a log line is masked to its
first six digits (the region of issue), so logs never hold a person's full identity number
(UU PDP 27/2022: data minimisation).
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

from tridaya.core.request_context import current_request_info

IDENTITY_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{10}(?!\d)")


def mask_identity_numbers(text: str) -> str:
    return IDENTITY_NUMBER.sub(r"\1**********", text)


class RequestContextFilter(logging.Filter):
    """Adds `request_id` to every record and masks identity numbers in its message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_info().request_id
        message = record.getMessage()
        masked = mask_identity_numbers(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        if record.exc_info:
            entry["exception"] = mask_identity_numbers(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
