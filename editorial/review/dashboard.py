"""Editorial panels on the Wagtail admin home: what each person should do next.

Each panel runs a fixed number of queries, whatever the number of articles.
"""

import re
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_latest_str
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, TaskState, WorkflowState

from taggit.models import Tag

from editorial.content.checklist import missing_items
from editorial.content.models import ArticlePage, DraftByline
from editorial.content.models.pages import STEER_TRENDING
from editorial.content.queries import trending_queryset
from editorial.roles import is_editor

from .models import EditorialReviewTask, ReviewClaim
from .visibility import ShownRecentEditsPanel

PANEL_SIZE = 10
TRENDING_ARTICLES = 10


def admin_edit_url(obj):
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


def with_objects(items, key):
    """Pair each of ``items`` with the page or snippet that ``key(item)`` names.

    ``key`` gives ``(base content type id, object id)``. Objects load in one query per
    content type; an item whose object is gone is left out.
    """
    wanted = defaultdict(set)
    for item in items:
        content_type_id, object_id = key(item)
        wanted[content_type_id].add(object_id)
    loaded = {}
    for content_type_id, object_ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for obj in model._default_manager.filter(pk__in=object_ids):
            loaded[content_type_id, str(obj.pk)] = obj
    return [(item, loaded[key(item)]) for item in items if key(item) in loaded]


def content_key(record):
    """The object a revision or workflow state is about."""
    return record.base_content_type_id, record.object_id


class EditorialPanel(Component):
    """A titled list of ``rows``: dicts with ``title``, ``url``, ``status`` and ``date``."""

    template_name = "editorial/review/dashboard_panel.html"
    heading = ""
    empty = ""
    # Below Wagtail's own panels; among ours, the order the hooks add them in.
    order = 80

    @property
    def name(self):
        """The panel's HTML id, from its class: ``MyDraftsPanel`` is ``editorial_my_drafts``."""
        words = re.findall(r"[A-Z][a-z]*", type(self).__name__.removesuffix("Panel"))
        return "editorial_" + "_".join(word.lower() for word in words)

    def is_shown(self, user):
        return True

    def get_rows(self, user):
        raise NotImplementedError

    @staticmethod
    def row(obj, status, date):
        """A row that opens ``obj``, a page or a snippet, in its editor."""
        return {
            "title": get_latest_str(obj),
            "url": admin_edit_url(obj),
            "status": status,
            "date": date,
        }

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {
            "panel": self,
            "rows": self.get_rows(request.user) if self.is_shown(request.user) else None,
            # Rows may carry buttons that post back.
            "request": request,
            "csrf_token": parent_context.get("csrf_token"),
        }


class EditorsPanel(EditorialPanel):
    """A panel that only editors see."""

    def is_shown(self, user):
        return is_editor(user)


class MyDraftsPanel(EditorialPanel):
    heading = _("Your drafts")
    empty = _("You have no unpublished changes.")
    more_label = _("All my articles")

    @property
    def more_url(self):
        return reverse("editorial_my_articles")

    def get_rows(self, user):
        credited = DraftByline.objects.filter(author__user_id=user.pk).values("page_id")
        mine = Q(owner=user) | Q(pk__in=credited)
        pages = list(
            ArticlePage.objects.filter(mine, has_unpublished_changes=True).order_by(
                "-latest_revision_created_at", "-pk"
            )[:PANEL_SIZE]
        )
        states = {
            state.object_id: state
            for state in WorkflowState.objects.active()
            .filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id__in=[str(page.pk) for page in pages],
            )
            .select_related("current_task_state__task")
        }
        return [
            self.row(
                page,
                self.workflow_status(page, states.get(str(page.pk))),
                page.latest_revision_created_at,
            )
            for page in pages
        ]

    @staticmethod
    def workflow_status(page, state):
        if state is None:
            if page.go_live_at and page.go_live_at > timezone.now():
                return gettext("Scheduled")
            return gettext("Draft")
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return gettext("Changes requested")
        return gettext("In review: %(task)s") % {"task": state.current_task_state.task.name}


class AwaitingReviewPanel(EditorsPanel):
    heading = _("Awaiting your review (oldest first)")
    empty = _("Nothing awaits review.")

    def get_rows(self, user):
        tasks = EditorialReviewTask.objects.all()
        if not user.is_superuser:
            tasks = tasks.filter(groups__in=user.groups.all())
        task_states = list(
            TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__in=tasks)
            .select_related("workflow_state", "workflow_state__requested_by")
            .order_by("started_at", "pk")[:PANEL_SIZE]
        )
        waiting = with_objects(task_states, lambda ts: content_key(ts.workflow_state))
        claims = {
            claim.page_id: claim
            for claim in ReviewClaim.objects.filter(
                page_id__in=[obj.pk for _, obj in waiting if isinstance(obj, Page)]
            ).select_related("user")
        }
        versions = latest_versions([obj for _, obj in waiting if isinstance(obj, Page)])
        rows = []
        for task_state, obj in waiting:
            requester = task_state.workflow_state.requested_by
            row = self.row(
                obj,
                gettext("Submitted by %(name)s") % {"name": requester.get_full_name() or requester}
                if requester
                else gettext("Submitted"),
                task_state.started_at,
            )
            if isinstance(obj, Page):
                row.update(review_claim_row(claims.get(obj.pk), obj, user))
                version = versions.get(obj.pk)
                if hasattr(version, "checklist"):
                    missing = len(missing_items(version))
                    row["checklist"], row["ready"] = checklist_status(missing), not missing
            rows.append(row)
        return rows


def latest_versions(pages):
    """Each page as its latest revision holds it, by page id, with the tags and hero image
    the checklist reads loaded for all of them at once."""
    revisions = Revision.objects.filter(pk__in=[page.latest_revision_id for page in pages])
    content = {revision.pk: revision.content for revision in revisions}
    # Without Wagtail's check of every foreign key (a query each): the checklist loads the
    # two it reads below, for all pages at once.
    versions = {
        page.pk: page.specific_class.from_serializable_data(
            content[page.latest_revision_id], check_fks=False
        )
        for page in pages
        if page.latest_revision_id in content
    }
    taggings = [
        tagging
        for version in versions.values()
        if hasattr(version, "tagged_items")
        for tagging in version.tagged_items.all()
    ]
    tags = Tag.objects.in_bulk({tagging.tag_id for tagging in taggings})
    for tagging in taggings:
        tagging.tag = tags.get(tagging.tag_id)
    with_image = [v for v in versions.values() if getattr(v, "hero_image_id", None)]
    images = get_image_model().objects.in_bulk({version.hero_image_id for version in with_image})
    for version in with_image:
        version.hero_image = images.get(version.hero_image_id)
    return versions


def checklist_status(missing):
    """What the queue says of a version under review that misses ``missing`` items."""
    if not missing:
        return gettext("Ready")
    return ngettext("%(count)d item missing", "%(count)d items missing", missing) % {
        "count": missing
    }


def review_claim_row(claim, page, user):
    """Who reviews ``page``, and the claim or release button for ``user``."""
    if claim is None:
        claim_url = reverse("editorial_claim_review", args=[page.pk])
        return {"actions": [(gettext("Claim review"), claim_url)]}
    if claim.user_id == user.pk:
        release_url = reverse("editorial_release_review", args=[page.pk])
        return {
            "claim": gettext("Claimed by you"),
            "actions": [(gettext("Release"), release_url)],
        }
    name = claim.user.get_full_name() or claim.user.get_username()
    return {"claim": gettext("Claimed by %(name)s") % {"name": name}}


class ScheduledPanel(EditorsPanel):
    heading = _("Scheduled")
    empty = _("Nothing is scheduled.")

    def get_rows(self, user):
        revisions = list(
            Revision.objects.filter(approved_go_live_at__isnull=False).order_by(
                "approved_go_live_at", "pk"
            )[:PANEL_SIZE]
        )
        return [
            self.row(obj, gettext("Goes live"), revision.approved_go_live_at)
            for revision, obj in with_objects(revisions, content_key)
        ]


class RecentlyPublishedPanel(EditorsPanel):
    heading = _("Recently published")
    empty = _("Nothing has been published yet.")

    def get_rows(self, user):
        pages = ArticlePage.objects.live().order_by("-last_published_at", "-pk")[:PANEL_SIZE]
        return [self.row(page, gettext("Live"), page.last_published_at) for page in pages]


class TrendingNowPanel(Component):
    """The articles readers see as trending right now, with their recent views, how the
    score is made, and the editors' pins and exclusions (with the way to change them)."""

    name = "trending_now"
    template_name = "editorial/review/trending_now.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["articles"] = trending_queryset(with_views=True)[:TRENDING_ARTICLES]
        context["window_days"] = settings.TRENDING_WINDOW_DAYS
        context["half_life_days"] = settings.TRENDING_HALF_LIFE_DAYS
        context["may_steer"] = parent_context["request"].user.has_perm(STEER_TRENDING)
        if context["may_steer"]:
            context["excluded"] = (
                ArticlePage.objects.live()
                .filter(exclude_from_trending=True)
                .order_by("-last_published_at", "-pk")[:TRENDING_ARTICLES]
            )
        return context


def add_editorial_panels(request, panels):
    # Our review queue replaces Wagtail's: it is ordered oldest first and does not ask each
    # waiting article's task for its buttons (queries per article); it reads every latest
    # revision at once and shows its checklist state.
    panels[:] = [p for p in panels if getattr(p, "name", "") != "workflow_objects_to_moderate"]
    panels[:] = [
        ShownRecentEditsPanel() if getattr(p, "name", "") == "recent_edits" else p for p in panels
    ]
    panels.extend(
        [AwaitingReviewPanel(), ScheduledPanel(), MyDraftsPanel(), RecentlyPublishedPanel()]
    )
