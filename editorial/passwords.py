"""The password forms anyone may post to: page passwords and the admin's password reset.

Both are limited per client address and per target (the restricted page, the address a
reset is asked for) through the cache, and answer 429 once a limit is used up; the admin
sign-in has django-axes. A reset request answers the same, in the same time, whether or
not an account has the address: looking the account up and sending the mail is a task
for the worker, which the request only queues.
"""

import hashlib

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

from django_tasks import task

from editorial.roles import client_address

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


@task()
def send_password_reset(email, language, options):
    """Mail a reset link to each account with ``email``, if any: Wagtail's form, as the
    request would have run it."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        with translation.override(language):
            form.save(**options)


class QuietPasswordResetForm(PasswordResetForm):
    """Queues the whole reset, the account's lookup included, so that the request does the
    same work, and takes as long, for an address with an account as for one without."""

    def save(self, request=None, token_generator=None, **options):
        # The default token generator; the host is what the link would be built on without
        # BASE_URL (Wagtail's mail uses BASE_URL).
        send_password_reset.enqueue(
            email=self.cleaned_data["email"],
            language=translation.get_language(),
            options={**options, "domain_override": request.get_host()},
        )


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
