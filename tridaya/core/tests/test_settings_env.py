"""Every setting read from the environment keeps its default when unset, reads a good value, and
stops start-up on a bad one with ImproperlyConfigured naming the variable and what to set it to
(never a bare ValueError from deep inside Django or a library)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tridaya.env import (
    ROOT,
    env_bool,
    env_choice,
    env_database,
    env_hosts,
    env_int,
    env_number,
    env_origins,
    env_path,
    env_slum_criteria,
    env_tile_url,
    env_url,
    make_folder,
)

CRITERIA_DIR = ROOT / "tridaya" / "mapping" / "criteria_data"


def refused(monkeypatch, name, raw, read):
    """Set `name` to `raw`, call `read()` and return the message it refused the value with."""
    monkeypatch.setenv(name, raw)
    with pytest.raises(ImproperlyConfigured) as error:
        read()
    return str(error.value)


# Whole numbers: (variable, default, minimum, maximum, unit) exactly as settings.py reads them.
INTEGERS = {
    "TRIDAYA_TRUSTED_PROXIES": (0, 0, 10, "proxies"),
    "TRIDAYA_LOGIN_FAILURE_LIMIT": (5, 1, 100, "failed logins"),
    "DATABASE_CONN_MAX_AGE": (60, 0, 86_400, "seconds"),
    "TRIDAYA_MAP_MAX_OUTSIDE_M": (1_000, 0, 100_000, "metres"),
    "TRIDAYA_MAP_CENTRE_RADIUS_M": (5_000, 1, 100_000, "metres"),
}


def read_int(name):
    default, minimum, maximum, unit = INTEGERS[name]
    return env_int(name, default, minimum=minimum, maximum=maximum, unit=unit)


@pytest.mark.parametrize("name", INTEGERS)
def test_an_unset_whole_number_gives_its_default(monkeypatch, name):
    monkeypatch.delenv(name, raising=False)
    assert read_int(name) == INTEGERS[name][0]


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("TRIDAYA_TRUSTED_PROXIES", "1", 1),
        ("TRIDAYA_TRUSTED_PROXIES", "0", 0),
        ("TRIDAYA_TRUSTED_PROXIES", " 10 ", 10),
        ("TRIDAYA_LOGIN_FAILURE_LIMIT", "1", 1),
        ("TRIDAYA_LOGIN_FAILURE_LIMIT", "10", 10),
        ("DATABASE_CONN_MAX_AGE", "0", 0),
        ("DATABASE_CONN_MAX_AGE", "600", 600),
        ("TRIDAYA_MAP_MAX_OUTSIDE_M", "0", 0),
        ("TRIDAYA_MAP_MAX_OUTSIDE_M", "250", 250),
        ("TRIDAYA_MAP_CENTRE_RADIUS_M", "20000", 20_000),
    ],
)
def test_a_whole_number_is_read(monkeypatch, name, raw, expected):
    monkeypatch.setenv(name, raw)
    assert read_int(name) == expected


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("TRIDAYA_TRUSTED_PROXIES", "x"),
        ("TRIDAYA_TRUSTED_PROXIES", "-1"),
        ("TRIDAYA_TRUSTED_PROXIES", "11"),
        ("TRIDAYA_TRUSTED_PROXIES", ""),
        ("TRIDAYA_LOGIN_FAILURE_LIMIT", "0"),
        ("TRIDAYA_LOGIN_FAILURE_LIMIT", "5.0"),
        ("TRIDAYA_LOGIN_FAILURE_LIMIT", "five"),
        ("DATABASE_CONN_MAX_AGE", "-1"),
        ("DATABASE_CONN_MAX_AGE", "None"),
        ("DATABASE_CONN_MAX_AGE", "86401"),
        ("TRIDAYA_MAP_MAX_OUTSIDE_M", "1km"),
        ("TRIDAYA_MAP_MAX_OUTSIDE_M", "1_000"),
        ("TRIDAYA_MAP_CENTRE_RADIUS_M", "0"),
        ("TRIDAYA_MAP_CENTRE_RADIUS_M", "5000.5"),
        ("TRIDAYA_MAP_CENTRE_RADIUS_M", "१२"),  # Devanagari digits: int() would take them
    ],
)
def test_a_bad_whole_number_is_refused_saying_what_to_set(monkeypatch, name, raw):
    default, minimum, maximum, unit = INTEGERS[name]
    message = refused(monkeypatch, name, raw, lambda: read_int(name))
    assert f"{name}={raw!r} is not valid" in message
    assert f"a whole number of {unit} from {minimum} to {maximum}" in message
    assert f"remove it to use {default}." in message


def read_cooloff():
    return env_number("TRIDAYA_LOGIN_COOLOFF_HOURS", 0.5, above=0, maximum=720, unit="hours")


def test_an_unset_cooloff_is_half_an_hour(monkeypatch):
    monkeypatch.delenv("TRIDAYA_LOGIN_COOLOFF_HOURS", raising=False)
    assert read_cooloff() == 0.5


@pytest.mark.parametrize(("raw", "expected"), [("0.25", 0.25), ("2", 2.0), (" 720 ", 720.0)])
def test_a_cooloff_is_read_as_a_float(monkeypatch, raw, expected):
    # django-axes reads a float as hours with a fraction (an int would be whole hours).
    monkeypatch.setenv("TRIDAYA_LOGIN_COOLOFF_HOURS", raw)
    value = read_cooloff()
    assert value == expected
    assert isinstance(value, float)


@pytest.mark.parametrize("raw", ["abc", "", "0", "-1", "0,5", "721", "NaN", "inf", "30m"])
def test_a_bad_cooloff_is_refused_saying_what_to_set(monkeypatch, raw):
    message = refused(monkeypatch, "TRIDAYA_LOGIN_COOLOFF_HOURS", raw, read_cooloff)
    assert f"TRIDAYA_LOGIN_COOLOFF_HOURS={raw!r} is not valid" in message
    assert "a number of hours greater than 0 and at most 720, with a dot for decimals" in message
    assert "remove it to use 0.5." in message


def read_criteria(directory=CRITERIA_DIR):
    return env_slum_criteria("TRIDAYA_SLUM_CRITERIA", "permen-pupr-14-2018", directory)


def test_an_unset_slum_criteria_is_permen_pupr_14_2018(monkeypatch):
    monkeypatch.delenv("TRIDAYA_SLUM_CRITERIA", raising=False)
    assert read_criteria() == "permen-pupr-14-2018"


def test_a_slum_criteria_code_of_a_file_is_read(monkeypatch, tmp_path):
    (tmp_path / "a.toml").write_text('code = "kota-2025"\nversion = 1\n')
    (tmp_path / "a-v2.toml").write_text('code = "kota-2025"\nversion = 2\n')
    monkeypatch.setenv("TRIDAYA_SLUM_CRITERIA", " kota-2025 ")
    assert read_criteria(tmp_path) == "kota-2025"
    monkeypatch.setenv("TRIDAYA_SLUM_CRITERIA", "permen-pupr-14-2018")
    assert read_criteria() == "permen-pupr-14-2018"


@pytest.mark.parametrize("raw", ["permen-pupr-02-2016", "", "PERMEN-PUPR-14-2018"])
def test_an_unknown_slum_criteria_is_refused_listing_the_known_codes(monkeypatch, raw):
    message = refused(monkeypatch, "TRIDAYA_SLUM_CRITERIA", raw, read_criteria)
    assert f"TRIDAYA_SLUM_CRITERIA={raw!r} is not valid" in message
    assert "criteria file in tridaya/mapping/criteria_data/ (known: permen-pupr-14-2018)" in message


def test_the_known_codes_come_from_the_files_and_skip_a_broken_one(monkeypatch, tmp_path):
    (tmp_path / "b.toml").write_text('code = "b"\n')
    (tmp_path / "a.toml").write_text('code = "a"\n')
    (tmp_path / "broken.toml").write_text('code = "c\n')
    message = refused(monkeypatch, "TRIDAYA_SLUM_CRITERIA", "c", lambda: read_criteria(tmp_path))
    assert "(known: a, b)" in message


@pytest.mark.parametrize("name", ["DJANGO_DEBUG", "TRIDAYA_HTTPS", "TRIDAYA_TESTING"])
def test_an_unset_switch_gives_its_default(monkeypatch, name):
    monkeypatch.delenv(name, raising=False)
    assert env_bool(name, False) is False
    assert env_bool(name, True) is True


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), (" on ", True)]
    + [("0", False), ("false", False), ("NO", False), ("off", False)],
)
def test_a_switch_is_read(monkeypatch, raw, expected):
    monkeypatch.setenv("TRIDAYA_BEHIND_PROXY_HTTP", raw)
    assert env_bool("TRIDAYA_BEHIND_PROXY_HTTP", not expected) is expected


@pytest.mark.parametrize("raw", ["ture", "", "2", "enabled", "y"])
def test_a_bad_switch_is_refused_instead_of_read_as_off(monkeypatch, raw):
    message = refused(monkeypatch, "TRIDAYA_HTTPS", raw, lambda: env_bool("TRIDAYA_HTTPS", True))
    assert f"TRIDAYA_HTTPS={raw!r} is not valid: set it to 1 (on) or 0 (off)" in message
    assert "remove it to use 1." in message


LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def read_level():
    return env_choice("DJANGO_LOG_LEVEL", "INFO", LEVELS, upper=True)


def test_log_level(monkeypatch):
    monkeypatch.delenv("DJANGO_LOG_LEVEL", raising=False)
    assert read_level() == "INFO"
    monkeypatch.setenv("DJANGO_LOG_LEVEL", "warning")
    assert read_level() == "WARNING"
    message = refused(monkeypatch, "DJANGO_LOG_LEVEL", "verbose", read_level)
    assert "DJANGO_LOG_LEVEL='verbose' is not valid: set it to one of DEBUG, INFO," in message


def test_var_dir_and_media_root(monkeypatch, tmp_path):
    monkeypatch.delenv("TRIDAYA_MEDIA_ROOT", raising=False)
    assert env_path("TRIDAYA_MEDIA_ROOT", tmp_path / "media") == tmp_path / "media"
    monkeypatch.setenv("TRIDAYA_MEDIA_ROOT", str(tmp_path / "uploads"))
    assert env_path("TRIDAYA_MEDIA_ROOT", tmp_path / "media") == tmp_path / "uploads"
    # Empty would be the current directory: refused.
    message = refused(
        monkeypatch, "TRIDAYA_VAR_DIR", "", lambda: env_path("TRIDAYA_VAR_DIR", tmp_path)
    )
    assert "TRIDAYA_VAR_DIR='' is not valid: set it to a folder path" in message


def test_a_var_dir_that_cannot_be_created_is_refused(tmp_path):
    (tmp_path / "file").write_text("")
    assert make_folder("TRIDAYA_VAR_DIR", tmp_path / "new" / "var").is_dir()
    with pytest.raises(ImproperlyConfigured) as error:
        make_folder("TRIDAYA_VAR_DIR", tmp_path / "file" / "var")
    assert "TRIDAYA_VAR_DIR: cannot create the folder" in str(error.value)
    assert "set TRIDAYA_VAR_DIR to a folder this user may write to" in str(error.value)


@pytest.mark.parametrize("raw", ["https://tridaya.example.id", "tridaya.example.id/", "", " , "])
def test_allowed_hosts(monkeypatch, raw):
    default = "127.0.0.1,localhost,testserver"
    monkeypatch.delenv("DJANGO_ALLOWED_HOSTS", raising=False)
    assert env_hosts("DJANGO_ALLOWED_HOSTS", default) == ["127.0.0.1", "localhost", "testserver"]
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "tridaya.example.id, .example.id")
    assert env_hosts("DJANGO_ALLOWED_HOSTS", default) == ["tridaya.example.id", ".example.id"]
    message = refused(
        monkeypatch, "DJANGO_ALLOWED_HOSTS", raw, lambda: env_hosts("DJANGO_ALLOWED_HOSTS", default)
    )
    assert f"DJANGO_ALLOWED_HOSTS={raw!r} is not valid: set it to host names only" in message


@pytest.mark.parametrize("raw", ["tridaya.example.id", "https://tridaya.example.id/", "ftp://x.id"])
def test_csrf_trusted_origins(monkeypatch, raw):
    name = "DJANGO_CSRF_TRUSTED_ORIGINS"
    monkeypatch.delenv(name, raising=False)
    assert env_origins(name) == []
    monkeypatch.setenv(name, "https://tridaya.example.id,https://*.example.id")
    assert env_origins(name) == ["https://tridaya.example.id", "https://*.example.id"]
    message = refused(monkeypatch, name, raw, lambda: env_origins(name))
    assert f"{name}={raw!r} is not valid: set it to origins with scheme and host" in message


def read_redis():
    return env_url(
        "REDIS_URL",
        schemes=("redis", "rediss", "unix"),
        example="redis://HOST:6379/0",
        unset="keep the cache in memory",
        secret=True,
    )


@pytest.mark.parametrize(
    "raw",
    ["redis://127.0.0.1:6379/0", "rediss://:pw@redis.internal:6380/1", "unix:///run/redis.sock"],
)
def test_redis_url(monkeypatch, raw):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert read_redis() is None
    monkeypatch.setenv("REDIS_URL", "")
    assert read_redis() is None
    monkeypatch.setenv("REDIS_URL", raw)
    assert read_redis() == raw


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("http://:s3cret@redis:6379", "scheme 'http'"),
        ("redis.internal:6379", "scheme 'redis.internal'"),
        ("s3cret@redis", "scheme 'missing'"),
        ("redis://:s3cret@redis:port/0", "the port is not a number"),
        ("redis:///0", "no host"),
    ],
)
def test_a_bad_redis_url_is_refused_without_repeating_it(monkeypatch, raw, reason):
    message = refused(monkeypatch, "REDIS_URL", raw, read_redis)
    assert f"REDIS_URL is not valid ({reason}): set it to redis://HOST:6379/0" in message
    assert "s3cret" not in message


def test_s3_endpoint_url(monkeypatch):
    def read():
        return env_url(
            "TRIDAYA_S3_ENDPOINT_URL", schemes=("https", "http"), example="x", unset="use AWS S3"
        )

    monkeypatch.delenv("TRIDAYA_S3_ENDPOINT_URL", raising=False)
    assert read() is None
    monkeypatch.setenv("TRIDAYA_S3_ENDPOINT_URL", "https://s3.example.id")
    assert read() == "https://s3.example.id"
    message = refused(monkeypatch, "TRIDAYA_S3_ENDPOINT_URL", "s3.example.id", read)
    assert "TRIDAYA_S3_ENDPOINT_URL='s3.example.id' is not valid (scheme 'missing')" in message
    assert "remove it to use AWS S3." in message


OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, OSM),
        (
            "https://{s}.tile.example.id/{z}/{x}/{y}.png",
            "https://{s}.tile.example.id/{z}/{x}/{y}.png",
        ),
        ("/tiles/{z}/{x}/{-y}.png", "/tiles/{z}/{x}/{-y}.png"),
        ("", ""),  # no tiles: vector layers on a plain background
    ],
)
def test_tile_url(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("TRIDAYA_TILE_URL", raising=False)
    else:
        monkeypatch.setenv("TRIDAYA_TILE_URL", raw)
    assert env_tile_url("TRIDAYA_TILE_URL", OSM) == expected


@pytest.mark.parametrize("raw", ["tile.example.id/{z}/{x}/{y}.png", "https://tile.example.id/"])
def test_a_bad_tile_url_is_refused(monkeypatch, raw):
    message = refused(
        monkeypatch, "TRIDAYA_TILE_URL", raw, lambda: env_tile_url("TRIDAYA_TILE_URL", OSM)
    )
    assert f"TRIDAYA_TILE_URL={raw!r} is not valid: set it to an XYZ tile URL" in message


def read_database(default_url="sqlite:////srv/tridaya.sqlite3"):
    return env_database("DATABASE_URL", default_url, conn_max_age=60)


def test_an_unset_or_empty_database_url_gives_sqlite(monkeypatch):
    for set_to in (None, ""):
        if set_to is None:
            monkeypatch.delenv("DATABASE_URL", raising=False)
        else:
            monkeypatch.setenv("DATABASE_URL", set_to)
        config = read_database()
        assert config["ENGINE"] == "django.db.backends.sqlite3"
        assert config["NAME"] == "/srv/tridaya.sqlite3"


def test_a_postgresql_url_is_read(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://tridaya:p%40ss@db.internal:5432/tridaya")
    config = read_database()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"]) == (
        "tridaya",
        "p@ss",
        "db.internal",
    )
    assert (config["PORT"], config["NAME"], config["CONN_MAX_AGE"]) == (5432, "tridaya", 60)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (
            "mysql://tridaya:s3cret@db/tridaya",
            "scheme 'mysql'; Tridaya runs on PostgreSQL or SQLite",
        ),
        ("db.internal/tridaya", "scheme 'missing'"),
        ("postgres://tridaya:s3cret@db:port/tridaya", "it cannot be read as a URL"),
    ],
)
def test_a_bad_database_url_is_refused_without_repeating_it(monkeypatch, raw, reason):
    message = refused(monkeypatch, "DATABASE_URL", raw, read_database)
    assert f"DATABASE_URL is not valid ({reason}" in message
    assert "set it to postgres://USER:PASSWORD@HOST:5432/NAME" in message
    assert "s3cret" not in message


def test_the_loaded_settings_are_what_the_code_reads():
    # Unset in the test run: the defaults, with the types the readers expect.
    assert settings.TRIDAYA_TRUSTED_PROXIES == 0
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == 0.5
    assert isinstance(settings.AXES_COOLOFF_TIME, float)
    assert settings.TRIDAYA_MAP_MAX_OUTSIDE_M == 1_000
    assert settings.TRIDAYA_MAP_CENTRE_RADIUS_M == 5_000
    assert settings.TRIDAYA_SLUM_CRITERIA == "permen-pupr-14-2018"


def start(**variables):
    """Run django.setup() in a fresh interpreter with `variables` set; then run `code`."""
    code = variables.pop("code", "")
    env = {**os.environ, **variables, "DJANGO_SETTINGS_MODULE": "tridaya.settings"}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("TRIDAYA_TRUSTED_PROXIES", "one"),
        ("TRIDAYA_LOGIN_FAILURE_LIMIT", "5.0"),
        ("TRIDAYA_LOGIN_COOLOFF_HOURS", "30m"),
        ("DATABASE_CONN_MAX_AGE", "forever"),
        ("TRIDAYA_MAP_MAX_OUTSIDE_M", "1km"),
        ("TRIDAYA_SLUM_CRITERIA", "permen-pupr-02-2016"),
    ],
)
def test_start_up_stops_on_a_bad_value(name, raw):
    result = start(**{name: raw})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {name}={raw!r} is not valid" in result.stderr
    assert "ValueError" not in result.stderr


def test_start_up_without_a_secret_key_in_production_says_how_to_make_one():
    result = start(DJANGO_DEBUG="0", TRIDAYA_TESTING="0", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is not set" in result.stderr


def test_good_values_reach_the_code_that_reads_them():
    result = start(
        TRIDAYA_MAP_MAX_OUTSIDE_M="250",
        TRIDAYA_MAP_CENTRE_RADIUS_M="2000",
        TRIDAYA_SLUM_CRITERIA="permen-pupr-14-2018",
        TRIDAYA_TRUSTED_PROXIES="2",
        TRIDAYA_LOGIN_COOLOFF_HOURS="2",
        code=(
            "from tridaya.mapping import criteria, spatial; from axes.helpers import get_cool_off; "
            "from django.conf import settings as s; print(spatial.max_outside_m(), "
            "spatial.centre_radius_m(), criteria.current_code(), s.TRIDAYA_TRUSTED_PROXIES, "
            "get_cool_off())"
        ),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["250.0", "2000.0", "permen-pupr-14-2018", "2", "2:00:00"]


def test_figures_are_kept_in_memory_in_tests_and_in_a_folder_on_a_server(tmp_path):
    """The figure cache (issue 11, item 12): files under TRIDAYA_FIGURE_CACHE_DIR, shared by the
    processes of a machine; an empty value is refused like any folder."""
    folder = tmp_path / "figures"
    code = (
        "from django.core.cache import caches; c = caches['figures']; c.set('k', b'png'); "
        "print(type(c).__name__, c.get('k'))"
    )
    result = start(TRIDAYA_FIGURE_CACHE_DIR=str(folder), code=code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["FileBasedCache", "b'png'"]
    assert len(list(folder.glob("*.djcache"))) == 1
    assert settings.CACHES["figures"]["BACKEND"].endswith("LocMemCache")  # this test run
    result = start(TRIDAYA_FIGURE_CACHE_DIR="")
    assert "TRIDAYA_FIGURE_CACHE_DIR='' is not valid: set it to a folder path" in result.stderr
