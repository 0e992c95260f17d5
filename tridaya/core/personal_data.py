"""Personal data rights (UU PDP 27/2022), the shared part.

- **NIK access log**: every page or API answer that shows a NIK in full calls
  `record_nik_views` (one place), which writes a `PersonalDataView` row per NIK shown, keyed by
  the NIK's HMAC (the NIK itself is not copied).
- **Holders**: each app that keeps data linked to a person (institutions' register of people)
  registers a `Holder` in its `ready()`: what it exports for that person (readable rows) and how
  it pseudonymises them. `institutions.services.personal_data` runs them for export and erasure;
  an app that must keep its rows (money, signed documents) says so with `retains`, and the person
  is then pseudonymised rather than deleted.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tridaya.core.request_context import current_request_info

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Holder:
    key: str  # "training.participants"
    label: Any  # what the export page shows (lazy text)
    export: Callable[[Any], Rows]  # person -> readable rows (field label -> value)
    pseudonymise: Callable[..., int]  # (person, *, pseudonym) -> rows changed
    retains: Callable[[Any], bool] = lambda person: False  # must the rows be kept?


_holders: dict[str, Holder] = {}


def register_holder(holder: Holder) -> None:
    if holder.key in _holders:
        raise ImproperlyConfigured(f"personal data holder {holder.key!r} registered twice")
    _holders[holder.key] = holder


def holders() -> list[Holder]:
    return [_holders[key] for key in sorted(_holders)]


def nik_digest(nik: str) -> str:
    """The NIK's keyed hash: the same for every showing of one NIK, useless without the key."""
    return hmac.new(
        settings.SECRET_KEY.encode(), b"tridaya-nik:" + nik.strip().encode(), hashlib.sha256
    ).hexdigest()


@dataclass(frozen=True)
class NikShown:
    object_type: str  # "institutions.person", "mapping.household"
    object_id: Any
    region_code: str
    nik: str


def subject_tokens(item: NikShown) -> str:
    return f"{nik_digest(item.nik)} {item.object_type}:{item.object_id}"


def subject_match(token: str) -> dict[str, str]:
    """A filter finding the showings that held `token` (a NIK digest or a `type:id`)."""
    return {"subjects__contains": f" {token} "}


def record_nik_views(user: Any, shown: Iterable[NikShown], *, place: str) -> int:
    """Log that `user` was shown these NIKs in full at `place` (a page or API name): one row
    for the showing, whatever its size. Empty NIKs and anonymous users (who are never shown
    one) are skipped. A read that writes, on purpose: the law wants every showing known."""
    from tridaya.core.models import PersonalDataView

    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    items = [item for item in shown if item.nik]
    if not items:
        return 0
    PersonalDataView.objects.create(
        viewer=user,
        viewer_name=user.get_username()[:150],
        place=place[:80],
        object_type=items[0].object_type,
        region_code=items[0].region_code or "",
        shown=len(items),
        subjects=" " + " ".join(subject_tokens(item) for item in items) + " ",
        request_id=current_request_info().request_id or "",
    )
    return len(items)


def readable(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    """One row of an export: each field's label and its shown value (choices as their label,
    related rows as their text, dates as ISO text)."""
    row: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if getattr(field, "choices", None) and value not in (None, ""):
            value = getattr(obj, f"get_{name}_display")()
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is not None and not isinstance(value, (str, int, float, bool, dict, list)):
            value = str(value)
        row[str(field.verbose_name)] = value
    return row
