"""Who is asking, from where: set once per request, read by the audit service."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    request_id: str = ""
    ip: str | None = None


_NO_REQUEST = RequestInfo()
_current: ContextVar[RequestInfo | None] = ContextVar("tridaya_request", default=None)


def current_request_info() -> RequestInfo:
    """Outside a request (commands, the demo seed) there is no id and no IP."""
    return _current.get() or _NO_REQUEST


def set_request_info(info: RequestInfo):
    return _current.set(info)


def reset_request_info(token) -> None:
    _current.reset(token)
