"""Test settings: production settings with plain HTTP, a fast hasher and jobs run inline."""

import os

os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("DEBUG", "0")

from investdesk.settings import *  # noqa: F403
from investdesk.settings import VAR_DIR

# Argon2 is the production hasher (tests/core/test_settings.py checks it); MD5 keeps the suite fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

from huey import MemoryHuey  # noqa: E402

HUEY = MemoryHuey("investdesk-tests", immediate=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
