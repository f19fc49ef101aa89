"""Settings shared by every environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from indsats.web.core.logging import install_record_factory

WEB_DIR = Path(__file__).resolve().parents[2]
PROJECT_DIR = WEB_DIR.parents[2]  # the repository root in a source checkout


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_key_file(path: Path) -> str:
    """The secret key kept in `path`, made (random, owner-only) on first use. Written to a
    temporary file and linked into place, so processes starting together agree on one key."""
    if not path.exists():
        import secrets
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".secret_key-")  # mode 0600
        try:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(64) + "\n")
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process linked its key first: everyone uses that one
        finally:
            os.unlink(tmp)
    return path.read_text().strip()


VAR_DIR = Path(os.environ.get("INDSATS_VAR_DIR", PROJECT_DIR / "var"))
# The municipality's logo (a PNG file) on the front page of the plan document; none by default.
INDSATS_LOGO = os.environ.get("INDSATS_LOGO", "")

DEBUG = env_bool("DEBUG", False)

# E-mail to citizens (booking links, confirmations, cancellations): Django's e-mail framework.
# base/production: SMTP from the environment; local (the demo, a laptop): printed to the console.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "jobcenter@localhost")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'indsats.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        # With persistent connections (`indsats serve` keeps them), a connection the database
        # closed (a restart) is replaced at the next request instead of failing it.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves several users at once: a writer waits up to 20 s for the lock
    # instead of failing with "database is locked", and every transaction takes the write lock
    # when it begins (a read that later writes cannot deadlock with another); WAL lets readers
    # go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    # accounts before auditlog: its `auditlogflush` (refused: the trail is append-only) wins.
    "indsats.web.accounts",
    "auditlog",
    "indsats.web.citizens",
    "indsats.web.core",
    "indsats.web.companies",
    "indsats.web.offers",
    "indsats.web.goals",
    "indsats.web.plans",
    "indsats.web.evaluation",
    "indsats.web.committee",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "indsats.web.accounts.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "indsats.web.core.middleware.RejectNulBytesMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "indsats.web.config.urls"
WSGI_APPLICATION = "indsats.web.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "indsats.web.core.context_processors.navigation",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before any check
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): after 5 wrong passwords for one user name from one address,
# that pair is locked for 15 minutes, even with the right password. Per pair, not per address:
# a jobcenter's staff share one address behind the municipality's gateway.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False  # no start-up banner on every command; failures and lockouts are logged
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:start"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Danish user interface: dates as 13.05.2024, numbers as 1.234,5.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["indsats.web.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [WEB_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# A refused form post (an old page, a session ended in another window) gets a Danish page.
CSRF_FAILURE_VIEW = "indsats.web.core.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Audit: one correlation id per request ties change rows (django-auditlog) and read rows together.
AUDITLOG_CID_GETTER = "indsats.web.accounts.middleware.current_request_id"
AUDITLOG_INCLUDE_ALL_MODELS = False

# CPR numbers never reach a log line: indsats.web.core.logging redacts every record at creation,
# and stamps it with the request id that the audit rows carry too.
install_record_factory()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
