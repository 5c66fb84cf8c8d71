"""Production: base settings plus the checks that must pass before serving readers."""

from .base import *  # noqa: F403
from .base import require_secret_key

SECRET_KEY = require_secret_key(SECRET_KEY)  # noqa: F405
DEBUG = False
