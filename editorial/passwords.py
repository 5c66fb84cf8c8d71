"""The password forms anyone may post to: page passwords and the admin's password reset.

Both are limited per client address and per target (the restricted page, the address a
reset is asked for) through the cache, and answer 429 once a limit is used up; the admin
sign-in has django-axes. A reset request answers the same, in the same time, whether or
not an account has the address: the mail is sent after the response, not during it.
"""

import hashlib
import threading

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wagtail import views as wagtail_views
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.account import PasswordResetView
from wagtail.models import Page

from editorial.roles import client_address

MAIL_THREAD_NAME = "password-reset-mail"
# A page's password may be tried from many addresses; each address has a tenth of this.
PAGE_ATTEMPTS_PER_ADDRESS_SHARE = 10


def window_seconds():
    return settings.PASSWORD_THROTTLE_MINUTES * 60


def counter_key(scope, value):
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"throttle:{scope}:{digest}"


def used_up(scope, limits):
    """Whether any counter in ``limits`` ({value: most attempts}) reached its limit."""
    counts = cache.get_many([counter_key(scope, value) for value in limits])
    return any(counts.get(counter_key(scope, value), 0) >= limit for value, limit in limits.items())


def count_attempt(scope, values):
    """One more attempt for each value; a counter lives one window from its first attempt."""
    for value in values:
        key = counter_key(scope, value)
        if not cache.add(key, 1, timeout=window_seconds()):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=window_seconds())


def too_many_attempts():
    message = _("Too many attempts. Please wait %(minutes)d minutes and try again.")
    response = HttpResponse(
        message % {"minutes": settings.PASSWORD_THROTTLE_MINUTES},
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(window_seconds())
    return response


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password view, throttled, and returning to the page itself when the
    form's ``return_url`` is refused (Wagtail would send the reader to the 404 at
    ``LOGIN_REDIRECT_URL``)."""
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    per_page = settings.PAGE_PASSWORD_ATTEMPTS * PAGE_ATTEMPTS_PER_ADDRESS_SHARE
    limits = {
        f"address:{client_address(request)}": settings.PAGE_PASSWORD_ATTEMPTS,
        f"restriction:{page_view_restriction_id}": per_page,
    }
    if used_up("page-password", limits):
        return too_many_attempts()
    return_url = request.POST.get("return_url", "")
    if not url_has_allowed_host_and_scheme(return_url, request.get_host(), request.is_secure()):
        page = Page.objects.filter(pk=page_id).specific().first()
        if page is not None:
            request.POST = request.POST.copy()
            request.POST["return_url"] = page.get_url(request) or "/"
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code != 302:
        count_attempt("page-password", limits)
    return response


class QuietPasswordResetForm(PasswordResetForm):
    """Sends the reset mail in a thread of its own, so that the answer comes as soon for an
    address with an account as for one without (a mail server takes hundreds of ms)."""

    def send_mail(self, *args, **kwargs):
        language = translation.get_language()

        def send():
            with translation.override(language):
                super(QuietPasswordResetForm, self).send_mail(*args, **kwargs)

        threading.Thread(target=send, name=MAIL_THREAD_NAME).start()


class ThrottledPasswordResetView(PasswordResetView):
    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "").strip().casefold()
        limits = {
            f"address:{client_address(request)}": settings.PASSWORD_RESET_REQUESTS,
            f"email:{email}": settings.PASSWORD_RESET_REQUESTS,
        }
        if used_up("password-reset", limits):
            return too_many_attempts()
        count_attempt("password-reset", limits)
        return super().post(request, *args, **kwargs)
