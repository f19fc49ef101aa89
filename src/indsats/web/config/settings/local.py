"""Settings for a laptop: SQLite under var/ unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool, secret_key_file

DEBUG = env_bool("DEBUG", True)
# E-mails to citizens are printed to the console, never sent, unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
VAR_DIR.mkdir(parents=True, exist_ok=True)
# Never a key printed in the source: it signs sessions and the citizens' booking links, and
# `indsats serve` runs these settings unless told otherwise. Without SECRET_KEY, a random key
# is made once and kept in var/ (readable by the owner only).
SECRET_KEY = SECRET_KEY or secret_key_file(VAR_DIR / "secret_key")  # noqa: F405
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns if missing)
STORAGES = {  # no collectstatic step on a laptop
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
