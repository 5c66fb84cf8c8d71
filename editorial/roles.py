"""Who may do what in the newsroom, decided once for every room.

Authors write, editors review and publish, administrators (superusers) do everything.
Roles are Wagtail groups with page permissions (created by migration
``0004_review_workflow_data``), so the checks here ask Wagtail's permission policies
rather than group names, and a custom group with the same permissions counts the same.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.defaults import permission_denied

from wagtail.models import Page, PagePermissionTester
from wagtail.permissions import page_permission_policy

GROUP_AUTHORS = "Authors"
GROUP_EDITORS = "Editors"

logger = logging.getLogger(__name__)


def is_editor(user):
    """Editors and administrators: whoever may publish somewhere in the page tree."""
    return user.is_active and (
        user.is_superuser or page_permission_policy.user_has_permission(user, "publish")
    )


def writes_articles(user):
    """Authors, editors and administrators: whoever may add pages somewhere in the tree."""
    return user.is_active and page_permission_policy.user_has_permission(user, "add")


def byline_accounts(page):
    """Accounts any byline of ``page`` names: the version at hand's, the live one and the
    newest revision's. Everyone who wrote a version, as the four-eyes rule counts them."""
    byline_user_ids = getattr(page, "byline_user_ids", None)
    return byline_user_ids() if byline_user_ids else set()


def writer_ids(obj):
    """Owner and byline accounts of a page; nobody for content that is not a page."""
    if not isinstance(obj, Page):
        return set()
    page = obj.specific_deferred
    ids = byline_accounts(page)
    if page.owner_id:
        ids.add(page.owner_id)
    return ids


def wrote(user, obj, workflow_state=None):
    """Whether ``user`` wrote ``obj``: owner or byline author of a page, or the person who
    asked for review of a snippet. The four-eyes rule forbids them to sign it off."""
    if isinstance(obj, Page):
        return obj.owner_id == user.pk or user.pk in byline_accounts(obj)
    return workflow_state is not None and workflow_state.requested_by_id == user.pk


class ArticlePermissionTester(PagePermissionTester):
    """Page permissions with co-authors and the four-eyes rule.

    Two questions, answered differently on purpose. ``on_newest_byline``: Wagtail lets
    whoever may add pages edit the ones they own, and everyone the newest byline names
    gets the same, and nothing more (deleting and moving still need ownership, publishing
    still needs the publish permission); taken off it, they lose access. ``wrote_it``:
    owner, or named by any byline, live or newest; editors never publish what they wrote.

    ``writers``, the page's ``writer_ids`` when the caller loaded them for many pages at
    once, saves the queries that find them one page at a time.
    """

    def __init__(self, user, page, writers=None):
        super().__init__(user, page)
        self.writers = writers

    @cached_property
    def wrote_it(self):
        if not self.user.is_authenticated:
            return False
        if self.writers is not None:
            return self.user.pk in self.writers
        return wrote(self.user, self.page)

    @cached_property
    def on_newest_byline(self):
        return self.user.is_authenticated and self.page.is_credited_to(self.user)

    def can_edit(self):
        if super().can_edit():
            return True
        return self.user.is_active and "add" in self.permissions and self.on_newest_byline

    def can_publish(self):
        if not super().can_publish():
            return False
        return self.user.is_superuser or not self.wrote_it


def forbidden(request, reason):
    """A real 403: Wagtail turns a raised ``PermissionDenied`` into a redirect home."""
    logger.warning("refused %s %s to %s: %s", request.method, request.path, request.user, reason)
    return permission_denied(request, PermissionDenied(reason))


def safe_next(request, default):
    """The ``next`` URL of the request if it stays on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def client_address(request):
    """The reader's address: from ``CLIENT_IP_HEADER`` behind a proxy (its first entry, as
    in ``X-Forwarded-For``), else the connection's."""
    return environ_client_address(request.META)


def environ_client_address(environ):
    """:func:`client_address` of a WSGI environ, for what answers before Django does."""
    address = environ.get("REMOTE_ADDR", "")
    if settings.CLIENT_IP_HEADER:
        address = environ.get(settings.CLIENT_IP_HEADER, address)
    return address.split(",")[0].strip()


class CreatedBy(models.Model):
    """The account that added a record in the admin, filled in by ``RecordsCreatorMixin``.

    No form shows it, and deleting the account keeps the record with nobody named.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class RecordsCreatorMixin:
    """For an admin add view: the signed-in user becomes ``created_by`` of what it saves."""

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()
