import logging
import re

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from csp.middleware import CSPMiddleware
from csp.utils import default_config


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
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


def is_admin_path(path):
    return path.startswith(reverse("wagtailadmin_home"))


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
