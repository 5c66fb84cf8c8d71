"""Local development: debug on, console email, no environment variables needed."""

from .base import *  # noqa: F403
from .base import env_list, ip_networks

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-key-not-for-production-9f2c7e1a4b6d8e0f3a5c7b9d1e3f5a7c"  # noqa: F405, S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
METRICS_ALLOWED_NETWORKS = ip_networks("METRICS_ALLOWED_NETWORKS", ["127.0.0.0/8", "::1"])
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
