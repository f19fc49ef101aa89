"""Settings for the test suite. DATABASE_URL chooses SQLite (default) or PostgreSQL."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, STATIC_ROOT

DEBUG = False
SECRET_KEY = "indsats-test-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns if missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if "DATABASE_URL" not in os.environ:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
else:
    # One test database per run, so parallel runs on one server never collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_indsats_{os.getpid()}"}
