"""Settings for the LKjIP app, read from environment variables.

With nothing set it runs in development mode on SQLite in `db.sqlite3`.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_tasks",
    "core.apps.TasksDatabaseConfig",
    "core",
    "agencies",
    "indicators",
    "budget",
    "organisation",
    "datatables",
    "cascade",
    "reports",
    "workbook",
    "evaluation",
    "demo",
    "axes",
    "csp",
]

# Content-Security-Policy (django-csp): scripts only from our own static files, never
# inline (event handlers live in static/js/app.js). Inline styles stay allowed: the
# charts are SVG with their own <style>, and style attributes carry no code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files served by the app itself (compressed, cached forever by hash): no
    # extra web server needed behind the load balancer.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so static files keep their long cache and everything else is
    # private, never stored (logged-in pages, PDFs, workbooks).
    "core.headers.PrivateNoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.audit.AuditViaMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lkjip.urls"

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
                "reports.context_processors.unread_notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "lkjip.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian only, whatever the browser asks: no LocaleMiddleware, so an English
# browser's Accept-Language cannot turn 1.234,50 into 1,234.50.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Numbers are formatted by explicit filters (core/numbers.py): a global thousand
# separator would print years as 2.025.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Evidence of the SAKIP evaluation (data dukung): outside MEDIA_ROOT and never served as
# a file; the download view checks who may read the agency first.
EVIDENCE_ROOT = Path(os.environ.get("EVIDENCE_ROOT", BASE_DIR / "private" / "evidence"))
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The targets grid posts ~12 fields per indicator; allow agencies of up to ~1 500 IKU.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Background tasks (PDF of large reports). Immediate: runs in the request (development,
# tests). Production: TASKS_BACKEND=django_tasks_db.DatabaseBackend and a worker
# process `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# Shared cache for several app processes; local memory when no Redis is configured.
SHARED_CACHE = bool(os.environ.get("REDIS_URL"))
if SHARED_CACHE:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.ReusedClientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # An unreachable cache must cost a request milliseconds, not a hang: it is a miss.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

# Whole pages, logged-in users and sessions served from the cache (core/page_cache.py,
# core/auth.py). Only safe when every process shares the cache (Redis), or with a
# single process (development, tests): a write must reach every process's copy.
PAGE_CACHE = env_bool("PAGE_CACHE", SHARED_CACHE or DEBUG)
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "core.auth.CachedUserBackend"]

# Login throttling (django-axes): after 10 failures for one user name, or from one
# address, logins wait AXES_COOLOFF_MINUTES; a success resets the count. Behind a
# proxy set TRUSTED_PROXY_COUNT so the client's address (X-Forwarded-For) is used,
# not the proxy's (which would lock everybody out together).
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.lockout.locked_out"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_VERBOSE = False

# Password reset links go by e-mail: printed to the console unless an SMTP server is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LKjIP <lkjip@localhost>")
if PAGE_CACHE:
    SESSION_ENGINE = "core.sessions"  # cached_db, readable together with a cached page

# Workbook upload attempts kept (errors, annotated copies): each agency's last N, and
# all from the last D days; older ones are pruned after every upload (and by the
# prune_imports command).
WORKBOOK_IMPORTS_KEEP = int(os.environ.get("WORKBOOK_IMPORTS_KEEP", "20"))
WORKBOOK_IMPORTS_DAYS = int(os.environ.get("WORKBOOK_IMPORTS_DAYS", "90"))

# Reports above this many indicators plus budget lines get their PDF built in the
# background with a progress page.
LARGE_REPORT_SIZE = int(os.environ.get("LARGE_REPORT_SIZE", "400"))
# Workbooks larger than this (bytes) are checked and imported by a background task
# while the browser shows their progress (a 5 000-row file is about 200 KB).
LARGE_IMPORT_BYTES = int(os.environ.get("LARGE_IMPORT_BYTES", str(256 * 1024)))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
