"""Django settings for InvestDesk, read from the environment.

The documented variables (DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS, TIME_ZONE,
LANGUAGE_CODE) are the deployment contract; everything else has a safe default. With DEBUG off the
settings are production settings and must pass ``investdesk check --deploy`` without a warning.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Runtime files (SQLite database, secret key, uploads, job queue, backups) live in one folder so a
# deployment backs up and restores one place.
VAR_DIR = Path(os.environ.get("INVESTDESK_VAR_DIR", BASE_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The SECRET_KEY from the environment, else one generated once and kept under var/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        # Written with O_EXCL so two processes starting together cannot each write a different key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
# Behind TLS (the normal production set-up): secure cookies, HSTS and the HTTPS redirect.
HTTPS = env_bool("HTTPS", not DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if not DEBUG else "*")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "ninja",
    "simple_history",
    "axes",
    "huey.contrib.djhuey",
    "investdesk.core",
    "investdesk.accounts",
    "investdesk.worktime",
    "investdesk.procedures",
    "investdesk.legal",
    "investdesk.dossiers",
    "investdesk.kpi",
    "investdesk.quality",
    "investdesk.projects",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "investdesk.core.middleware.LanguageMiddleware",
    "investdesk.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "investdesk.core.middleware.NotFoundPageMiddleware",
    # Last, as django-axes asks, so it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "investdesk.urls"
WSGI_APPLICATION = "investdesk.wsgi.application"
ASGI_APPLICATION = "investdesk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "investdesk.core.context_processors.organisation",
                "investdesk.core.context_processors.notifications",
                "investdesk.dossiers.context_processors.dossier_scope",
            ],
            "builtins": ["investdesk.core.templatetags.investdesk"],
        },
    },
]
FORM_RENDERER = "investdesk.core.forms.FormRenderer"

# --- Database -----------------------------------------------------------------------------------
# SQLite by default (one office, one machine); PostgreSQL through DATABASE_URL when it outgrows it.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'investdesk.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock when a
    # transaction begins, so two writers queue on busy_timeout instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: shared by every process on the machine; Redis when the system is scaled out ---------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Background jobs: Django's task API, run by huey consumers ----------------------------------
if REDIS_URL:
    from huey import RedisHuey

    HUEY = RedisHuey("investdesk", url=REDIS_URL, immediate=False)
else:
    from huey import SqliteHuey

    # Its own file: the job queue's writes never contend with the application database's lock.
    HUEY = SqliteHuey("investdesk", filename=str(VAR_DIR / "huey.sqlite3"), immediate=False)
TASKS = {"default": {"BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend"}}
# A worker whose last heartbeat is older than this is reported as down on /health.
WORKER_HEARTBEAT_MAX_AGE = timedelta(minutes=3)

# --- Authentication -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "investdesk.accounts.passwords.NewPasswordRevokesAccess"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

# Lockout: the account is locked after AXES_FAILURE_LIMIT wrong passwords, on the login page and on
# the API token endpoint alike; an administrator can unlock it early from the person's page.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks to lock by IP address too. Locking by account already stops guessing whatever the
# attacker rotates, while an IP lock would shut out a whole office that reaches the server through
# one NAT address after a few colleagues' typos.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "investdesk.accounts.lockout.lockout_response"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
AXES_VERBOSE = False

# A session lasts one working day and ends when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_HOURS", "9")) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Transport security -------------------------------------------------------------------------
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(60 * 60 * 24 * 365))) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REDIRECT_EXEMPT = [r"^health$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Every asset is served from our own origin (no CDN): scripts only from 'self' or with the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Language, time, formats --------------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "vi")
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["investdesk.formats"]

# --- Files --------------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# --- E-mail -------------------------------------------------------------------------------------
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
    }
}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "investdesk@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- The organisation this installation serves ---------------------------------------------------
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "Sở Tài chính tỉnh Khánh Hòa")
DIVISION_NAME = os.environ.get("DIVISION_NAME", "Phòng Quản lý Đầu tư ngoài ngân sách")
PROVINCE_NAME = os.environ.get("PROVINCE_NAME", "Khánh Hòa")

# --- Lists --------------------------------------------------------------------------------------
DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_PAGE_RANGE = 8
LIST_PAGE_SIZE = 25
# Lists count exactly up to this many rows, then say "more than" (core.pagination).
LIST_COUNT_CAP = 5000
# A list's export with more rows than this is written by a background job (``core.exports``):
# about a second of work in the request at most.
EXPORT_BACKGROUND_ROWS = int(os.environ.get("EXPORT_BACKGROUND_ROWS", "2000"))
# Days a background export's file is kept for its requester before it is deleted.
EXPORT_KEEP_DAYS = int(os.environ.get("EXPORT_KEEP_DAYS", "7"))

# Investment projects: the province whose communes a project is located in (vietnam-provinces code;
# 56 = Khánh Hòa), and the delay thresholds in months (seriously late; review for termination, after
# the 2024 Land Law's 24-month rule). Administrators may set them in the environment.
PROJECT_PROVINCE_CODE = int(os.environ.get("PROJECT_PROVINCE_CODE", "56"))
PROJECT_SERIOUS_DELAY_MONTHS = int(os.environ.get("PROJECT_SERIOUS_DELAY_MONTHS", "12"))
PROJECT_TERMINATION_REVIEW_MONTHS = int(os.environ.get("PROJECT_TERMINATION_REVIEW_MONTHS", "24"))
# Map tiles; empty = markers on a blank background (offline intranets).
PROJECT_MAP_TILE_URL = os.environ.get("PROJECT_MAP_TILE_URL", "")
if PROJECT_MAP_TILE_URL:
    # The browser loads the tiles from that server: allow its images ("{s}" sub-domains as "*").
    _tiles = urlsplit(PROJECT_MAP_TILE_URL.replace("{s}", "*"))
    SECURE_CSP["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

# --- Dossiers ------------------------------------------------------------------------------------
# Dossier numbers: {year} and {number} (the year's running number).
DOSSIER_CODE_PATTERN = os.environ.get("DOSSIER_CODE_PATTERN", "{year}-{number:05d}")
# Early warning: at risk when at most this share of the allowed working time is left, or less than
# this many working days.
# Each open step stores the instant it turns at risk under these (the board counts from them): the
# worker recomputes them when it starts under changed values (and checks each night);
# `manage.py recompute_at_risk` does it at once.
WARNING_SHARE = float(os.environ.get("WARNING_SHARE", "0.25"))
WARNING_DAYS = float(os.environ.get("WARNING_DAYS", "1"))
# The "fewer than WARNING_DAYS left" rule waits until this share of the allowed time has passed.
WARNING_ELAPSED = float(os.environ.get("WARNING_ELAPSED", "0.5"))
# Quality objective 3: at least this share of dossiers resolved on time (percent).
ON_TIME_TARGET = float(os.environ.get("ON_TIME_TARGET", "95"))

# --- Quality system -----------------------------------------------------------------------------
# Default risk bands for a new register year: P×S up to the first number is low, up to the second
# medium, above it high (DOMAIN.md §7: 1–8, 9–12, 15–25). A year keeps its own once issued.
RISK_BANDS = tuple(int(part) for part in os.environ.get("RISK_BANDS", "8,12").split(","))
if len(RISK_BANDS) != 2 or not 0 < RISK_BANDS[0] < RISK_BANDS[1] < 25:
    raise ImproperlyConfigured("RISK_BANDS must be two increasing numbers between 1 and 24, e.g. 8,12")
# Owners of quality actions are reminded this many days before the due date (and daily once late).
ACTION_REMINDER_DAYS = int(os.environ.get("ACTION_REMINDER_DAYS", "3"))

# --- Working calendar ---------------------------------------------------------------------------
# How often a process checks whether another one changed the calendar (seconds).
WORKTIME_CHECK_SECONDS = int(os.environ.get("WORKTIME_CHECK_SECONDS", "5"))

# --- API ----------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50
# Personal API tokens expire after this many days unless the person chooses otherwise.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "spiff": {"level": "WARNING"},
        "SpiffWorkflow": {"level": "WARNING"},
        "django.db.backends": {"level": "INFO"},
    },
}
# Tokens issued by POST /api/v1/auth/token live one day; personal tokens made on the profile page
# live API_TOKEN_DAYS.
API_LOGIN_TOKEN_HOURS = int(os.environ.get("API_LOGIN_TOKEN_HOURS", "24"))
CSRF_FAILURE_VIEW = "investdesk.core.views.csrf_failure"
