"""Settings shared by every environment.

This module is safe for production on its own: nothing insecure is switched on here,
and a missing ``SECRET_KEY`` stops the process. ``dev`` and ``test`` only relax it.
"""

import base64
import hashlib
import ipaddress
import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def ip_networks(name, default=()):
    """The addresses and networks (``10.0.0.0/8``) listed in ``name``, or a start-up error
    naming the one that is neither."""
    networks = env_list(name, default)
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {network!r} is not an address or a network such as 10.0.0.0/8"
            ) from None
    return networks


def public_base_url(value):
    """``value`` as the site's public address (scheme, host and port, no trailing slash),
    or a start-up error saying what is wrong with it: every absolute link the site gives
    out is built on it, so a typo must not reach readers or emails."""
    problem = (
        f"BASE_URL must be like https://news.example.com or http://127.0.0.1:8000, not {value!r}"
    )
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{problem}: its port is not a number from 0 to 65535") from None
    if parts.scheme not in {"http", "https"}:
        raise ImproperlyConfigured(f"{problem}: it must start with http:// or https://")
    if not parts.hostname:
        raise ImproperlyConfigured(f"{problem}: it has no host name")
    if parts.username is not None or parts.password is not None:
        raise ImproperlyConfigured(f"{problem}: it must not carry a user name or password")
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"{problem}: it must not have a path, query or fragment")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}{f':{port}' if port is not None else ''}"


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "editorial",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First, so that they time every request and that probes and scrapers reach
    # /healthz/, /readyz/ and /metrics whatever host name or scheme they use.
    "editorial.operations.middleware.RequestMetricsMiddleware",
    "editorial.operations.middleware.OperationsEndpointsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so that cached pages get the header of their path too.
    "editorial.security.ContentSecurityPolicyMiddleware",
    "editorial.security.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML and feeds; Django pads the output against BREACH-style attacks.
    "django.middleware.gzip.GZipMiddleware",
    # Before sessions and authentication: a cache hit needs neither, nor the database.
    "editorial.pagecache.middleware.PublicPageCacheMiddleware",
    # The Wagtail site of the request from the cache, not a query per page served.
    "editorial.reader.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # /?p=<id> is the home page to Wagtail's redirects; imported WordPress posts keep it.
    "editorial.importing.middleware.WordPressPostIdRedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "editorial.reader.context_processors.site",
            ],
            # The reader's template tags live in its room, not in an app-level templatetags.
            "libraries": {
                "editorial_tags": "editorial.reader.templatetags.editorial_tags",
            },
        },
    },
]

# A newcomer gets a SQLite file; production sets DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters sent apart from the SQL, so that each query's text is the same from one
    # request to the next and psycopg prepares it on a connection's second run: PostgreSQL
    # then plans it once instead of every time (planning a related-articles list takes
    # longer than running it). Behind a transaction-pooling PgBouncer, set
    # PREPARE_THRESHOLD to "off". JIT compilation is off: a reader's queries run in
    # milliseconds, and PostgreSQL's estimate for a related list over an archive of ten
    # thousand articles passes its cost threshold, so it spent longer compiling the query
    # (about 30 ms) than running it. Random reads are priced as on SSDs (PostgreSQL's default
    # assumes spinning disks, and the production recipe's editorial.conf says the same):
    # with the default, a related list over ten thousand articles read the whole page
    # table instead of looking up its two hundred candidates, 13 ms instead of 5.
    DATABASES["default"]["OPTIONS"] = {
        "options": "-c jit=off -c random_page_cost=1.1",
        "server_side_binding": True,
        "prepare_threshold": None
        if os.environ.get("PREPARE_THRESHOLD") == "off"
        else env_int("PREPARE_THRESHOLD", 2),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))


def media_storage(environ):
    """Where uploads and image renditions go: ``MEDIA_ROOT`` on this machine's disk, or,
    with ``AWS_STORAGE_BUCKET_NAME`` set, an S3-compatible bucket that every app server
    shares (django-storages). Its files are linked to by plain, lasting URLs (pages are
    cached), so the bucket must let anyone read images/ and original_images/; documents
    stay private and go through Wagtail's view."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        # Without keys, boto3 finds credentials itself (an instance role, ~/.aws).
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        "url_protocol": environ.get("AWS_S3_URL_PROTOCOL") or "https:",
        "querystring_auth": False,
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def media_origin(storage):
    """The origin a bucket's custom domain or endpoint serves images from, for the CSP
    (Amazon's own addresses depend on the region: name them in ``CSP_MEDIA_ORIGINS``)."""
    options = storage.get("OPTIONS", {})
    if options.get("custom_domain"):
        return f"{options['url_protocol']}//{options['custom_domain'].split('/')[0]}"
    if options.get("endpoint_url"):
        parts = urlsplit(options["endpoint_url"])
        return f"{parts.scheme}://{parts.netloc}"
    return None


STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Redis, when REDIS_URL names one, is the cache every process shares (through Django's
# backend with one client reused per pool, see editorial.pagecache.redis); without it each
# process keeps its own in memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
# A Redis that stops answering (a host gone, packets dropped) fails a cache call within two
# seconds, where redis-py waits five for an answer and the system minutes for a
# connection; the beacon then answers 503 (connection pool options of redis-py).
REDIS_CACHE_OPTIONS = {
    "socket_connect_timeout": env_int("REDIS_CONNECT_TIMEOUT", 2),
    "socket_timeout": env_int("REDIS_TIMEOUT", 2),
}
CACHES = {
    "default": {
        "BACKEND": "editorial.pagecache.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "editorial",
        "OPTIONS": REDIS_CACHE_OPTIONS,
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "editorial"}
}

# Whole-page cache for anonymous readers (editorial.pagecache): how long a page may be
# kept at most (invalidation usually ends it sooner), and how long browsers may reuse it.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)

# A caching proxy (Varnish) or CDN in front: the page cache's invalidation purges it too,
# with HTTP PURGE requests sent to this URL (see bench/varnish.vcl). The app itself is not
# installed: its signal handlers would purge a published page's URL a second time.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "editorial.pagecache.purging.PurgingHTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# Every mail goes through the task queue (editorial.operations.mail), and the worker hands
# it to EMAIL_DELIVERY_BACKEND: no request waits for a mail server.
EMAIL_BACKEND = "editorial.operations.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Complex article forms in the Wagtail editor exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "The Working Week")
# The public address of the site: every absolute link it gives out (sitemap, canonical and
# Open Graph links, feeds, JSON-LD, emails, shareable previews) starts with it
# (editorial.content.addresses), and Wagtail's admin emails use it too.
BASE_URL = public_base_url(os.environ.get("BASE_URL") or "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "editorial.content.images.ImageForm"
# Documents only through Wagtail's view, which checks a private collection's restriction
# first; the proxy serves nothing of MEDIA_ROOT's documents/ (config/nginx.conf).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Draftail, with posted text that is not its JSON read as no text (editorial.content.forms).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "editorial.content.forms.RichTextEditor"},
}
# No avatars from Gravatar: the admin would send a hash of every editor's address to it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
TAGGIT_CASE_INSENSITIVE = True

# Sign-in throttling: a user name is locked from one address after repeated failures.
# Keying on the pair, not the address alone, keeps one office's shared address from
# locking out the whole newsroom; keying on the name alone would let anyone lock out
# an editor on purpose.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Successful sign-ins are not logged: only failures are needed to throttle.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"
# Behind N trusted proxies, the client address is read from X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
if AXES_IPWARE_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# The other password forms anyone may post to (editorial.passwords): failed page passwords
# per client address (a page's password allows ten times as many from all addresses
# together) and password reset requests per client address and per email address, each
# within PASSWORD_THROTTLE_MINUTES; beyond that the answer is 429.
PAGE_PASSWORD_ATTEMPTS = env_int("PAGE_PASSWORD_ATTEMPTS", 10)
PASSWORD_RESET_REQUESTS = env_int("PASSWORD_RESET_REQUESTS", 5)
PASSWORD_THROTTLE_MINUTES = env_int("PASSWORD_THROTTLE_MINUTES", 15)
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "editorial.passwords.QuietPasswordResetForm"  # noqa: S105
# Every environment sends these, so that tests and browsers see what production does.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page may be framed. Wagtail's preview views, which its live preview panel shows in an
# iframe of the editor, set SAMEORIGIN on their own responses.
X_FRAME_OPTIONS = "DENY"


def inline_style_hash(template_name):
    """CSP source for the <style> element of a template that must not load a stylesheet."""
    html = (BASE_DIR / "templates" / template_name).read_text()
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    return f"'sha256-{digest}'"


# Readers' pages run no inline script: the view beacon is a static file, and JSON-LD is
# data the browser never executes. Embeds are provider iframes; their scripts stay out.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The 500 page carries its own styles so that it shows when static files fail.
        "style-src": [SELF, inline_style_hash("500.html")],
        # Origins images come from besides this site, e.g. a CDN in front of MEDIA_URL.
        "img-src": [
            SELF,
            "data:",
            *filter(None, [media_origin(STORAGES["default"])]),
            *env_list("CSP_MEDIA_ORIGINS"),
        ],
        "frame-src": ["https:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin writes inline scripts and styles (date pickers, inline panels),
# shows embed thumbnails from providers and frames its own previews; editorial.security sends this
# policy for the admin's paths instead.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "font-src": [SELF, "data:"],
        "frame-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# The app logs one line per cache invalidation, purge, import, scheduled publication and
# refused permission, at INFO or WARNING, from one logger per module under "editorial".
# Those loggers have their own level and no handler of their own: their records reach the
# console through the root's handler, which passes whatever a logger let through, so
# the app can report at INFO while other libraries stay at LOG_LEVEL.
# Django's own loggers go the same way: the console handler Django gives "django" would
# print each of their lines a second time beside the root's, and "django.server" (the
# development server's one line per request) would print nowhere. That line, or gunicorn's
# access log, records every request, so "django.request" adds only server errors with
# their traceback, not a second line for each 404.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    # Django logs the path of every 404 (and runserver of every request): no secret URL.
    "filters": {"secret_urls": {"()": "editorial.security.RedactSecretURLs"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "editorial": {"level": (os.environ.get("EDITORIAL_LOG_LEVEL") or "INFO").upper()},
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"level": "ERROR", "filters": ["secret_urls"]},
        "django.server": {
            "handlers": [],
            "level": "INFO",
            "propagate": True,
            "filters": ["secret_urls"],
        },
    },
}


def require_secret_key(key):
    """Refuse to run with a missing or well-known key: sessions and tokens depend on it."""
    if len(key) < 50 or key.startswith("django-insecure") or len(set(key)) < 10:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 50 characters "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
        )
    return key


# Trending: views of the last TRENDING_WINDOW_DAYS days, each day's weight halving every
# TRENDING_HALF_LIFE_DAYS; the selection, and the listings showing it, are cached briefly.
TRENDING_WINDOW_DAYS = env_int("TRENDING_WINDOW_DAYS", 14)
TRENDING_HALF_LIFE_DAYS = float(os.environ.get("TRENDING_HALF_LIFE_DAYS") or 2)
TRENDING_CACHE_SECONDS = env_int("TRENDING_CACHE_SECONDS", 60)

# The view beacon: readers one network (IPv4 /24, IPv6 /48) may add to an article a day.
VIEW_CAP_PER_NETWORK = env_int("VIEW_CAP_PER_NETWORK", 20)

# Articles waiting in a review task longer than this are listed as stuck in Workflow insight.
EDITORIAL_STUCK_REVIEW_HOURS = env_int("EDITORIAL_STUCK_REVIEW_HOURS", 48)
# Behind a reverse proxy REMOTE_ADDR is the proxy; name the request header the proxy sets
# to the reader's address (e.g. HTTP_X_REAL_IP) so that readers are told apart.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")

# Background tasks (django-tasks) are kept in the database and run by `manage.py db_worker`;
# Wagtail's search and reference index updates and image file deletions go the same way.
TASKS = {"default": {"BACKEND": "editorial.operations.queue.DatabaseTasks"}}
# A failed task runs again after TASK_RETRY_SECONDS, doubling each time, TASK_MAX_ATTEMPTS
# times in all; then it stays failed under Reports → Background tasks.
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 5)
TASK_RETRY_SECONDS = env_int("TASK_RETRY_SECONDS", 30)

# Health and metrics (editorial.operations). Readiness reports the scheduler as late once
# scheduled publishing has not succeeded for SCHEDULED_PUBLISHING_MAX_DELAY_MINUTES (editors
# see a warning on the dashboard too), and the worker once its heartbeat, a task that
# `manage.py run_periodic` queues on every run, is older than WORKER_MAX_DELAY_MINUTES.
SCHEDULED_PUBLISHING_MAX_DELAY_MINUTES = env_int("SCHEDULED_PUBLISHING_MAX_DELAY_MINUTES", 15)
WORKER_MAX_DELAY_MINUTES = env_int("WORKER_MAX_DELAY_MINUTES", 15)
# /metrics answers requests from these networks (the client address, CLIENT_IP_HEADER's
# behind a proxy) or bearing `Authorization: Bearer METRICS_TOKEN`; nobody else.
METRICS_ALLOWED_NETWORKS = ip_networks("METRICS_ALLOWED_NETWORKS")
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
