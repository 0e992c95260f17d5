"""Django settings for Tridaya.

Every value that differs between a laptop and a production server comes from the environment
(see `.env.example`). The defaults are for one village on one laptop: SQLite under `var/`.
A bad value stops start-up with `ImproperlyConfigured` naming the variable and what to set it to
(the readers are in `tridaya/env.py`).
"""

import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tridaya.env import (
    env_bool,
    env_choice,
    env_database,
    env_hosts,
    env_int,
    env_number,
    env_origins,
    env_path,
    env_percent,
    env_slum_criteria,
    env_tile_url,
    env_url,
    load_env_file,
    make_folder,
)

BASE_DIR = Path(__file__).resolve().parent.parent
load_env_file(BASE_DIR / ".env")

VAR_DIR = env_path("TRIDAYA_VAR_DIR", BASE_DIR / "var")
DEBUG = env_bool("DJANGO_DEBUG", False)
# Set only by the test runner (tridaya/test_environment.py); it relaxes security for tests.
TESTING = env_bool("TRIDAYA_TESTING", False)
# The development key only works with DEBUG on; production must set DJANGO_SECRET_KEY.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (
    "dev-only-insecure-key-tridaya" if DEBUG or TESTING else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set: set it to a long random secret (python3 -c 'import "
        "secrets;print(secrets.token_urlsafe(50))'), or set DJANGO_DEBUG=1 for development."
    )

ALLOWED_HOSTS = env_hosts("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_origins("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "axes",
    # Tridaya apps, in dependency order (an app imports only from apps above it).
    "tridaya.core",
    "tridaya.regions",
    "tridaya.accounts",
    "tridaya.institutions",
    "tridaya.cycle",
    "tridaya.training",
    "tridaya.mapping",
    "tridaya.planning",
    "tridaya.marketing",
    "tridaya.finance",
    "tridaya.works",
    "tridaya.oversight",
    "tridaya.dashboards",
    "tridaya.documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tridaya.core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tridaya.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tridaya.core.middleware.TooLargeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tridaya.core.middleware.RequestContextMiddleware",
    "tridaya.core.middleware.NotFoundMiddleware",
    # Axes must be last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tridaya.urls"
WSGI_APPLICATION = "tridaya.wsgi.application"
ASGI_APPLICATION = "tridaya.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tridaya.core.context_processors.shell",
                "tridaya.accounts.context_processors.my_places",
            ],
            "builtins": ["tridaya.core.templatetags.tridaya"],
        },
    }
]

make_folder("TRIDAYA_VAR_DIR", VAR_DIR)
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        f"sqlite:///{VAR_DIR / 'tridaya.sqlite3'}",
        # Seconds a connection is kept for reuse; a day at most (PostgreSQL; SQLite always 0).
        conn_max_age=env_int(
            "DATABASE_CONN_MAX_AGE", 60, minimum=0, maximum=86_400, unit="seconds"
        ),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at BEGIN
    # so concurrent writers queue instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is slow on purpose; tests create hundreds of users. A test checks that Argon2
    # stays first outside tests (accounts/tests/test_auth.py).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Lockout after repeated failed logins (django-axes). Admins unlock in the admin
# (Axes > Access attempts) or with `manage.py axes_reset_username USERNAME`.
AXES_FAILURE_LIMIT = env_int(
    "TRIDAYA_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100, unit="failed logins"
)
# A float: django-axes reads an int as whole hours and a float as hours with a fraction.
AXES_COOLOFF_TIME = env_number(
    "TRIDAYA_LOGIN_COOLOFF_HOURS", 0.5, above=0, maximum=720, unit="hours"
)
# Locked per account, not per IP: a village office shares one IP behind its router, and one
# member's typos must not lock the whole office out (hence axes.W006 silenced below).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
make_folder("TRIDAYA_VAR_DIR", STATIC_ROOT)
# Stored uploads are linked through the permission-checked view at /berkas/ (core.uploads):
# nothing serves MEDIA_URL directly, in development either.
MEDIA_URL = "berkas/"
MEDIA_ROOT = env_path("TRIDAYA_MEDIA_ROOT", VAR_DIR / "media")
# Upload caps (core.uploads): size of one file per group, in MB; ZIP archives (survey exports,
# zipped Shapefiles, DOCX/XLSX) by entries, total uncompressed size and per-member ratio.
TRIDAYA_UPLOAD_MAX_MB = {
    "image": env_int("TRIDAYA_UPLOAD_IMAGE_MAX_MB", 10, minimum=1, maximum=100, unit="MB"),
    "document": env_int("TRIDAYA_UPLOAD_DOCUMENT_MAX_MB", 20, minimum=1, maximum=500, unit="MB"),
    "table": env_int("TRIDAYA_UPLOAD_TABLE_MAX_MB", 20, minimum=1, maximum=500, unit="MB"),
    "survey": env_int("TRIDAYA_UPLOAD_SURVEY_MAX_MB", 200, minimum=1, maximum=2000, unit="MB"),
    "gis": env_int("TRIDAYA_UPLOAD_GIS_MAX_MB", 50, minimum=1, maximum=1000, unit="MB"),
    "generated": 500,  # documents the app renders itself (plan versions)
}
TRIDAYA_UPLOAD_ZIP_MAX_ENTRIES = env_int(
    "TRIDAYA_UPLOAD_ZIP_MAX_ENTRIES", 20000, minimum=1, maximum=1_000_000
)
TRIDAYA_UPLOAD_ZIP_MAX_TOTAL_MB = env_int(
    "TRIDAYA_UPLOAD_ZIP_MAX_TOTAL_MB", 2000, minimum=1, maximum=100_000, unit="MB"
)
TRIDAYA_UPLOAD_ZIP_MAX_RATIO = env_int(
    "TRIDAYA_UPLOAD_ZIP_MAX_RATIO", 100, minimum=2, maximum=10_000
)
# Files of one request (Django's own cap; the complaint form takes the most: a few photos).
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("TRIDAYA_UPLOAD_MAX_FILES", 20, minimum=1, maximum=1000)
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if os.environ.get("TRIDAYA_S3_BUCKET", "").strip():
    # Uploads on S3-compatible object storage (needs `pip install django-storages[s3]`).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["TRIDAYA_S3_BUCKET"].strip(),
            "endpoint_url": env_url(
                "TRIDAYA_S3_ENDPOINT_URL",
                schemes=("https", "http"),
                example="the service's https:// URL (e.g. https://s3.example.id)",
                unset="use AWS S3",
            ),
        },
    }

REDIS_URL = env_url(
    "REDIS_URL",
    schemes=("redis", "rediss", "unix"),
    example="redis://HOST:6379/0 (rediss:// with TLS, unix:///path/to/redis.sock for a socket)",
    unset="keep the cache in each process's memory and sessions in the database",
    secret=True,
)
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Maps and charts drawn for documents (documents/figures.py), keyed by their data and drawing
# code and shared by the server's processes (Redis, else files), so a fresh process neither redraws
# them nor loads matplotlib. Tests: in memory unless TRIDAYA_FIGURE_CACHE_DIR names a folder.
FIGURE_CACHE_TIMEOUT = 30 * 24 * 3600
FIGURE_CACHE_DIR = env_path("TRIDAYA_FIGURE_CACHE_DIR", VAR_DIR / "cache" / "figures")
if REDIS_URL:
    CACHES["figures"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "figures",
        "TIMEOUT": FIGURE_CACHE_TIMEOUT,
    }
elif TESTING and "TRIDAYA_FIGURE_CACHE_DIR" not in os.environ:
    CACHES["figures"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
else:
    CACHES["figures"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(FIGURE_CACHE_DIR),
        "TIMEOUT": FIGURE_CACHE_TIMEOUT,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }

# Background jobs (tridaya/core/jobs.py). With a broker, Celery workers run them
# (`celery -A tridaya.celery worker -B`); without one they run in the process that queued them,
# after its transaction commits, so a laptop and the tests need nothing extra.
TRIDAYA_BROKER_URL = env_url(
    "TRIDAYA_BROKER_URL",
    schemes=("redis", "rediss", "amqp", "amqps"),
    example="redis://127.0.0.1:6379/1 or amqp://USER:PASSWORD@HOST:5672//",
    unset="run background jobs in the process that starts them",
    secret=True,
)
CELERY_BROKER_URL = TRIDAYA_BROKER_URL
# Without a broker, long jobs (survey imports) run in a child process, not in the request; the
# tests run them in-process (a child could not see the test database).
TRIDAYA_JOBS_DETACH = not TESTING
# Public dashboards re-read the figures version at most this often per process (0: always).
TRIDAYA_FIGURES_VERSION_SECONDS = 0 if TESTING else 5
CELERY_TASK_ALWAYS_EAGER = not TRIDAYA_BROKER_URL
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True  # results live in the Job rows
# Dirty villages are refreshed right after each change; this sweep catches anything missed.
TRIDAYA_FIGURES_REFRESH_SECONDS = env_int(
    "TRIDAYA_FIGURES_REFRESH_SECONDS", 60, minimum=5, maximum=86400, unit="seconds"
)
CELERY_BEAT_SCHEDULE = {
    "refresh-figures": {
        "task": "tridaya.run_periodic",
        "schedule": TRIDAYA_FIGURES_REFRESH_SECONDS,
        "args": ["dashboards.refresh_figures"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous API call gets 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Operations grouped by app with Indonesian summaries (tridaya/core/api_schema.py).
    "DEFAULT_SCHEMA_CLASS": "tridaya.core.api_schema.TridayaAutoSchema",
    "EXCEPTION_HANDLER": "tridaya.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tridaya API",
    "DESCRIPTION": (
        "REST API Tridaya, sistem informasi PLPBK. Operasi dikelompokkan per aplikasi; setiap "
        "kelompok menautkan kembali ke halamannya di aplikasi web."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tridaya.core.api_schema.add_app_tags",
        "tridaya.core.api_schema.add_error_responses",
    ],
    # Request bodies get their own components: a read-only field is not asked for, and a
    # write-only or blank-refusing field is described as the API reads it.
    "COMPONENT_SPLIT_REQUEST": True,
    "REDOC_DIST": "SIDECAR",
    # Several apps have a field called "kind"; name each choice set after its enum.
    "ENUM_NAME_OVERRIDES": {
        "RegionKindEnum": "tridaya.regions.models.Kind",
        "MeetingKindEnum": "tridaya.cycle.models.MeetingKind",
        "SignOffKindEnum": "tridaya.cycle.models.SignOffKind",
        "UPKindEnum": "tridaya.institutions.models.UPKind",
        "SexEnum": "tridaya.institutions.models.Sex",
        "StepStatusEnum": "tridaya.cycle.models.StepStatus",
    },
}

# Map tiles: any XYZ URL. Maps still draw vector layers on a plain background when tiles fail
# (and always when TRIDAYA_TILE_URL is set but empty).
TRIDAYA_TILE_URL = env_tile_url(
    "TRIDAYA_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
TRIDAYA_TILE_ATTRIBUTION = os.environ.get(
    "TRIDAYA_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors"
)

# Pemetaan swadaya: the share of a village's households (its profile's count) the household
# survey must record before the pemetaan swadaya step's gate passes (mapping/outputs.py).
TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT = env_percent("TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT", 80)
# Marketing: the "Komitmen pendanaan" step passes with at least this many commitments of
# partners, or when BLM, swadaya and commitments cover this share of the legalised plans' cost
# (marketing/outputs.py).
TRIDAYA_MARKETING_MIN_COMMITMENTS = env_int(
    "TRIDAYA_MARKETING_MIN_COMMITMENTS", 3, minimum=1, maximum=1_000, unit="commitments"
)
TRIDAYA_MARKETING_MIN_COVERAGE_PCT = env_percent("TRIDAYA_MARKETING_MIN_COVERAGE_PCT", 60)
# Mapped geometries (problems, layers, kawasan, surveyed households): how far beyond the village's
# drawn boundary one may reach, and how far from its centre while no boundary is drawn, in whole
# metres (mapping/spatial.py). Further is refused with a message saying how far.
TRIDAYA_MAP_MAX_OUTSIDE_M = env_int(
    "TRIDAYA_MAP_MAX_OUTSIDE_M", 1_000, minimum=0, maximum=100_000, unit="metres"
)
TRIDAYA_MAP_CENTRE_RADIUS_M = env_int(
    "TRIDAYA_MAP_CENTRE_RADIUS_M", 5_000, minimum=1, maximum=100_000, unit="metres"
)
# The slum criteria set RT profiles are scored with: the `code` of a file in
# tridaya/mapping/criteria_data/ (mapping/criteria.py loads its newest version).
TRIDAYA_SLUM_CRITERIA = env_slum_criteria(
    "TRIDAYA_SLUM_CRITERIA",
    "permen-pupr-14-2018",
    BASE_DIR / "tridaya" / "mapping" / "criteria_data",
)

# One JSON object per line in production (tridaya/core/logs.py); plain text on a laptop.
LOG_FORMAT = env_choice("TRIDAYA_LOG_FORMAT", "text" if DEBUG else "json", ("json", "text"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "tridaya.core.logs.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "tridaya.core.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            "formatter": LOG_FORMAT,
        },
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {
        "handlers": ["console"],
        "level": env_choice(
            "DJANGO_LOG_LEVEL",
            "INFO",
            ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"),
            upper=True,
        ),
    },
    # WeasyPrint and fontTools narrate every PDF at INFO; only their warnings matter.
    "loggers": {
        # Django's own console handler on "django" printed every development-server line
        # ("Not Found: ...", "Watching for file changes") a second time through the root one.
        # Configuring "django" resets its children, so the request lines' own handler is
        # declared again (as in Django's default, printed once, not passed on to the root).
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Production hardening; `manage.py check --deploy` is clean with DJANGO_DEBUG=0 and HTTPS on.
SECURE_HTTPS = env_bool("TRIDAYA_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and not env_bool("TRIDAYA_BEHIND_PROXY_HTTP", False)
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer probes the health checks over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Number of reverse proxies in front of the app that append to X-Forwarded-For (0: none, the
# client's address is REMOTE_ADDR). Audit events record the address found this way.
TRIDAYA_TRUSTED_PROXIES = env_int(
    "TRIDAYA_TRUSTED_PROXIES", 0, minimum=0, maximum=10, unit="proxies"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Links to other sites carry no path of this one (it can name a village and a person's record).
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Complaints (PPM, tridaya/oversight): days each handling level has to respond, per class
# ("belum" = not classified yet; "bpkp" = a BPKP audit finding, 4 days after the exit meeting);
# how long a complainant may reopen a closed complaint; the anonymous form's hourly limits.
TRIDAYA_PPM_DEADLINE_DAYS = {
    "belum": env_int("TRIDAYA_PPM_DAYS_UNCLASSIFIED", 3, minimum=1, maximum=90, unit="days"),
    "informatif": env_int("TRIDAYA_PPM_DAYS_INFORMATIF", 7, minimum=1, maximum=90, unit="days"),
    "masalah": env_int("TRIDAYA_PPM_DAYS_MASALAH", 14, minimum=1, maximum=180, unit="days"),
    "bpkp": env_int("TRIDAYA_PPM_DAYS_BPKP", 4, minimum=1, maximum=30, unit="days"),
}
TRIDAYA_PPM_REOPEN_DAYS = env_int(
    "TRIDAYA_PPM_REOPEN_DAYS", 14, minimum=0, maximum=365, unit="days"
)
# Requests per client IP per hour on anonymous endpoints open to abuse (tridaya/core/ratelimit.py).
TRIDAYA_RATE_LIMITS = {
    "password_reset": env_int(
        "TRIDAYA_RATE_PASSWORD_RESET", 5, minimum=1, maximum=1000, unit="requests per hour"
    ),
    "certificate_check": env_int(
        "TRIDAYA_RATE_CERTIFICATE_CHECK", 60, minimum=1, maximum=100000, unit="requests per hour"
    ),
    "api_token": env_int(
        "TRIDAYA_RATE_API_TOKEN", 20, minimum=1, maximum=10000, unit="requests per hour"
    ),
}
TRIDAYA_PPM_RATE = {"ip_per_hour": 5, "session_per_hour": 3, "lookups_per_hour": 30}
# E-mail to complaint handlers: printed to the console unless an SMTP backend is configured.
EMAIL_BACKEND = env_choice(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
    ],
)
