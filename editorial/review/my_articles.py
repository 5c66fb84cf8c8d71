""" "My articles": the articles a person owns or is on the byline of, where each stands.

The status is computed in SQL, so the list filters and pages by it; the checklist is the
newest revision's, read from the revisions loaded in one query. Building each revision's
article costs Wagtail a few queries (it checks every reference still exists), so the
view shows a page of articles at a time.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Revision, WorkflowState

from editorial.content.checklist import missing_items
from editorial.content.models import ArticlePage, DraftByline

DRAFT = "draft"
IN_REVIEW = "in_review"
CHANGES_REQUESTED = "changes_requested"
SCHEDULED = "scheduled"
LIVE = "live"
STATUSES = {
    DRAFT: _("Draft"),
    IN_REVIEW: _("In review"),
    CHANGES_REQUESTED: _("Changes requested"),
    SCHEDULED: _("Scheduled"),
    LIVE: _("Live"),
}


def articles_of(user):
    """The articles ``user`` owns or is on the newest byline of, newest change first, each
    annotated with ``status`` (a key of ``STATUSES``), ``task_name`` and ``goes_live_at``.

    A review in progress outranks a schedule, and a schedule outranks being live: the
    status says what happens to the article next.
    """
    object_id = Cast(OuterRef("pk"), CharField())
    open_states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=object_id,
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    ).order_by("-created_at")
    schedules = Revision.page_revisions.filter(
        object_id=object_id, approved_go_live_at__isnull=False
    ).order_by("approved_go_live_at")
    credited = DraftByline.objects.filter(author__user_id=user.pk).values("page_id")
    return (
        ArticlePage.objects.filter(Q(owner_id=user.pk) | Q(pk__in=credited))
        .annotate(
            workflow_status=Subquery(open_states.values("status")[:1]),
            task_name=Subquery(open_states.values("current_task_state__task__name")[:1]),
            goes_live_at=Subquery(schedules.values("approved_go_live_at")[:1]),
        )
        .annotate(
            status=Case(
                When(workflow_status=WorkflowState.STATUS_IN_PROGRESS, then=Value(IN_REVIEW)),
                When(
                    workflow_status=WorkflowState.STATUS_NEEDS_CHANGES,
                    then=Value(CHANGES_REQUESTED),
                ),
                When(goes_live_at__isnull=False, then=Value(SCHEDULED)),
                When(live=True, then=Value(LIVE)),
                default=Value(DRAFT),
                output_field=CharField(),
            )
        )
        .order_by("-latest_revision_created_at", "-pk")
    )


@dataclass
class ArticleRow:
    page: ArticlePage
    title: str
    status: str
    task: str
    missing: list
    changed_at: datetime

    @property
    def status_label(self):
        return STATUSES[self.status]


def rows_for(pages):
    """One row per article of ``pages`` (a page of ``articles_of``), with the checklist of
    its newest revision."""
    pages = list(pages)
    revisions = Revision.objects.in_bulk(
        [page.latest_revision_id for page in pages if page.latest_revision_id]
    )
    rows = []
    for page in pages:
        revision = revisions.get(page.latest_revision_id)
        newest = page.with_content_json(revision.content) if revision else page
        rows.append(
            ArticleRow(
                page=page,
                title=newest.title,
                status=page.status,
                task=page.task_name or "",
                missing=missing_items(newest),
                changed_at=page.latest_revision_created_at,
            )
        )
    return rows
