import logging
import re
from functools import cache

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy, default_config

# What a view or decorator may set on a response to change its policy (django-csp).
PER_RESPONSE_POLICY = (
    "_csp_exempt",
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt_ro",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


class RejectNulBytesMiddleware:
    """Answer 400 to URLs containing NUL characters.

    No valid URL here has one, and PostgreSQL refuses NUL in text parameters, so such a
    request would otherwise reach a database lookup and fail there with a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *(v for _, vs in request.GET.lists() for v in vs)]
        if any("\x00" in value for value in values):
            return HttpResponseBadRequest(_("Invalid character in URL."), content_type="text/plain")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Send ``ADMIN_CONTENT_SECURITY_POLICY`` under the Wagtail admin, the strict one elsewhere.

    The admin cannot run under the readers' policy (it writes inline scripts), and the
    readers' pages must not inherit the admin's looser one.
    """

    def process_response(self, request, response):
        # Wagtail renders a preview by passing a simulated request for the page's public
        # URL through the middleware; the admin request around it sets the policy.
        if getattr(request, "is_dummy", False):
            return response
        if self.sends_readers_policy(request, response):
            # Built once: django-csp would build the same string again for every response,
            # which costs a cached page about a fifth of its time.
            response.headers.setdefault(HEADER, self.readers_policy)
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
            return response
        return super().process_response(request, response)

    @cached_property
    def readers_policy(self):
        return build_policy()

    def sends_readers_policy(self, request, response):
        """Whether ``response`` gets the configured policy as it is: no nonce, no change by
        the view, no report-only policy, not the admin, not a debug page."""
        return (
            not settings.DEBUG
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
            and getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in PER_RESPONSE_POLICY)
            and not is_admin_path(request.path_info)
        )

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


def is_admin_path(path):
    return path.startswith(admin_prefix())


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


SECRET_URL_PARTS = re.compile(r"(/calendar/)[^/\s?]+(\.ics)|(/preview/)[^/\s?]+(/)")


def redact(text):
    """``text`` with the secret part of calendar-feed and preview URLs replaced."""
    return SECRET_URL_PARTS.sub(
        lambda match: f"{match[1] or match[3]}[redacted]{match[2] or match[4]}", text
    )


class RedactSecretURLs(logging.Filter):
    """Keep the tokens of calendar feeds and shareable previews out of the logs.

    Django logs the path of every 404 and the development server every request; those
    paths carry the secret that opens an editor's calendar or an unpublished draft.
    """

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True
