"""Readers of the environment variables `settings.py` is made of.

Each reader returns the default when its variable is unset and raises `ImproperlyConfigured`,
naming the variable, its value and what to set it to, when the value is bad: never a bare
ValueError from deep inside Django or a library. No Django app is imported here (settings load
before the apps)."""

import os
import re
import tomllib
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parent.parent  # the project folder (settings' BASE_DIR)


def load_env_file(path: Path) -> None:
    """Read KEY=VALUE lines from `.env` without overriding the real environment."""
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


# Readers of environment variables. Each returns the default when the variable is unset and
# raises ImproperlyConfigured, naming the variable, its value and what to set it to, when the
# value is bad: never a bare ValueError from deep inside Django or a library.


def invalid(name: str, raw: str, fix: str, default: object) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"{name}={raw!r} is not valid: set it to {fix}, or remove it to use {default}."
    )


def env_bool(name: str, default: bool = False) -> bool:
    """1/0, true/false, yes/no, on/off (any case); anything else, even empty, is refused."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in {"1", "true", "yes", "on"}:
        return True
    if word in {"0", "false", "no", "off"}:
        return False
    raise invalid(
        name, raw, "1 (on) or 0 (off); true/false, yes/no and on/off work too", int(default)
    )


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, *, minimum: int, maximum: int, unit: str = "") -> int:
    """A whole number from `minimum` to `maximum` (`5`, not `5.0` or `five`)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    text = raw.strip()
    if re.fullmatch(r"-?[0-9]+", text) and minimum <= int(text) <= maximum:
        return int(text)
    what = f"a whole number of {unit}" if unit else "a whole number"
    raise invalid(name, raw, f"{what} from {minimum} to {maximum}", default)


def env_number(name: str, default: float, *, above: float, maximum: float, unit: str) -> float:
    """A number greater than `above` and at most `maximum`, decimals with a dot (`0.5`)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if value.is_finite() and above < value <= maximum:
        return float(value)
    raise invalid(
        name,
        raw,
        f"a number of {unit} greater than {above:g} and at most {maximum:g}, with a dot for "
        f"decimals (e.g. {default:g})",
        f"{default:g}",
    )


def env_percent(name: str, default: int) -> Decimal:
    """A percentage from 1 to 100 (`80`, `82.5`); a bad value stops start-up naming the fix."""
    raw = os.environ.get(name)
    if raw is None:
        return Decimal(default)
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not 1 <= value <= 100:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not valid: set it to a percentage from 1 to 100 (a number, "
            f"with a dot for decimals, e.g. {default} or 82.5) or remove it to use {default}."
        )
    return value


def env_choice(name: str, default: str, choices: Sequence[str], *, upper: bool = False) -> str:
    """One of `choices` (compared in upper case when `upper`, as for log levels)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().upper() if upper else raw.strip()
    if value in choices:
        return value
    raise invalid(name, raw, "one of " + ", ".join(choices), default)


def env_path(name: str, default: Path) -> Path:
    """A folder; set but empty is refused (it would mean the current directory)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    if not raw.strip():
        raise invalid(name, raw, "a folder path (e.g. /srv/tridaya/var)", default)
    return Path(raw.strip())


def make_folder(name: str, path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"{name}: cannot create the folder {path} ({exc.strerror or exc}): set {name} to a "
            "folder this user may write to, or fix the folder's owner and permissions."
        ) from None
    return path


def env_hosts(name: str, default: str) -> list[str]:
    """Host names for ALLOWED_HOSTS. A URL there (scheme or path), or nothing at all, would
    refuse every request."""
    hosts = env_list(name, default)
    if not hosts or any("/" in host for host in hosts):
        raise invalid(
            name,
            os.environ[name],
            "host names only, comma-separated, without http:// or a path "
            "(e.g. tridaya.example.id,www.tridaya.example.id)",
            default,
        )
    return hosts


def origin_of(parts: SplitResult) -> str:
    return f"{parts.scheme}://{parts.netloc}"


def env_origins(name: str) -> list[str]:
    """Origins for CSRF_TRUSTED_ORIGINS: scheme and host, e.g. https://tridaya.example.id."""
    origins = env_list(name)
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in {"http", "https"} or not parts.netloc or origin != origin_of(parts):
            raise invalid(
                name,
                os.environ[name],
                "origins with scheme and host and nothing after it, comma-separated (e.g. "
                "https://tridaya.example.id)",
                "none",
            )
    return origins


def env_url(
    name: str, *, schemes: Sequence[str], example: str, unset: str, secret: bool = False
) -> str | None:
    """An optional URL (unset or empty: None). A `secret` one (it may hold a password) is never
    repeated in the message, only what is wrong with it."""
    raw = os.environ.get(name, "")
    if not raw.strip():
        return None
    value = raw.strip()
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 (raises ValueError when the port is not a number up to 65535)
        port_ok = True
    except ValueError:
        port_ok = False
    if parts.scheme not in schemes:
        reason = f"scheme {parts.scheme or 'missing'!r}"
    elif not port_ok:
        reason = "the port is not a number"
    elif not parts.netloc and parts.scheme != "unix":
        reason = "no host"
    else:
        return value
    shown = name if secret else f"{name}={raw!r}"
    raise ImproperlyConfigured(
        f"{shown} is not valid ({reason}): set it to {example}, or remove it to {unset}."
    )


def env_database(name: str, default_url: str, *, conn_max_age: int) -> dict[str, Any]:
    """The database from a URL (unset or empty: `default_url`), PostgreSQL or SQLite. The
    message never repeats the URL, which holds the password."""
    url = os.environ.get(name, "").strip() or default_url
    scheme = url.split("://", 1)[0] if "://" in url else ""
    fix = (
        "set it to postgres://USER:PASSWORD@HOST:5432/NAME (PostgreSQL 15+; percent-encode "
        "special characters in the password, e.g. @ as %40) or sqlite:////absolute/path.sqlite3, "
        "or remove it to use SQLite under TRIDAYA_VAR_DIR"
    )
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ImproperlyConfigured(
            f"{name} is not valid (scheme {scheme or 'missing'!r}; Tridaya runs on PostgreSQL "
            f"or SQLite): {fix}."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    except ValueError:
        config = None
    if config is None:
        raise ImproperlyConfigured(
            f"{name} is not valid (it cannot be read as a URL: a port that is not a number, or "
            f"a special character in the password that is not percent-encoded?): {fix}."
        )
    return dict(config)


def slum_criteria_codes(directory: Path) -> list[str]:
    """The `code` of every criteria file. Only the files are read: the app code that loads them
    (tridaya/mapping/criteria.py) cannot be imported before the apps are ready, and it reports
    a broken file by name itself when it loads the sets."""
    codes = set()
    for path in sorted(directory.glob("*.toml")):
        try:
            with path.open("rb") as handle:
                code = tomllib.load(handle).get("code")
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if isinstance(code, str):
            codes.add(code)
    return sorted(codes)


def env_slum_criteria(name: str, default: str, directory: Path) -> str:
    """The code of a slum criteria set in `directory`; the files are read only when it is set."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    codes = slum_criteria_codes(directory)
    if raw.strip() in codes:
        return raw.strip()
    folder = directory.relative_to(ROOT) if directory.is_relative_to(ROOT) else directory
    known = ", ".join(codes) or "none found"
    raise invalid(name, raw, f"the code of a criteria file in {folder}/ (known: {known})", default)


def env_tile_url(name: str, default: str) -> str:
    """An XYZ tile URL; set but empty means no tiles (vector layers on a plain background)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip()
    if not value:
        return ""
    has_xyz = "{z}" in value and "{x}" in value and ("{y}" in value or "{-y}" in value)
    if has_xyz and value.startswith(("https://", "http://", "/")):
        return value
    raise invalid(
        name,
        raw,
        "an XYZ tile URL with {z}, {x} and {y} (e.g. "
        f"https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png), or to nothing ({name}=) for maps "
        "without tiles",
        default,
    )
