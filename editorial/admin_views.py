"""Pieces that the editorial admin views share."""

from django.core.exceptions import PermissionDenied
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.defaults import permission_denied


def forbidden(request, reason):
    """A real 403: Wagtail turns a raised PermissionDenied into a redirect home."""
    return permission_denied(request, PermissionDenied(reason))


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class RecordsCreatorMixin:
    """For an add view: the signed-in user becomes ``created_by`` of what it saves."""

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()
