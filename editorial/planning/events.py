"""What the editorial calendar shows: what is due, in review, scheduled, published and
expiring.

One function, :func:`calendar_events`, answers for the admin calendar and for each
editor's private iCalendar feed, in a fixed number of queries whatever the period.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Revision, WorkflowState

from editorial.content.models import ArticlePage

from .models import Assignment

DUE, REVIEW, SCHEDULED, PUBLISHED, EXPIRING = (
    "due",
    "review",
    "scheduled",
    "published",
    "expiring",
)
KIND_LABELS = {
    DUE: _("Due"),
    REVIEW: _("In review"),
    SCHEDULED: _("Scheduled"),
    PUBLISHED: _("Published"),
    EXPIRING: _("Expires"),
}


@dataclass
class CalendarEvent:
    kind: str
    title: str
    when: date | datetime  # a date for all-day events (due dates)
    uid: str
    page: ArticlePage | None = None
    assignment: Assignment | None = None
    can_reschedule: bool = False

    @property
    def label(self):
        return KIND_LABELS[self.kind]

    @property
    def all_day(self):
        return not isinstance(self.when, datetime)

    @property
    def day(self):
        return self.when if self.all_day else timezone.localtime(self.when).date()

    @property
    def overdue(self):
        return self.assignment is not None and self.assignment.is_overdue

    @property
    def admin_url(self):
        if self.page is not None:
            return reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        return reverse("assignments:edit", args=[self.assignment.pk])

    def sort_key(self):
        moment = time.min if self.all_day else timezone.localtime(self.when).time()
        return (self.day, moment, self.title.lower(), self.uid)


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def calendar_events(first_day, last_day, section=None, author=None):
    """Events between two days (inclusive), optionally for one section or one author."""
    start, end = day_start(first_day), day_start(last_day + timedelta(days=1))
    article_type = ContentType.objects.get_for_model(ArticlePage)
    events = []

    assignments = Assignment.objects.filter(
        due_date__range=(first_day, last_day), status__in=Assignment.ACTIVE
    ).select_related("page")
    if section is not None:
        assignments = assignments.filter(
            Q(section=section)
            | Q(page__path__startswith=section.path, page__depth=section.depth + 1)
        )
    if author is not None:
        assignments = assignments.filter(assignees=author)
    for assignment in assignments:
        events.append(
            CalendarEvent(
                DUE,
                assignment.page.get_admin_display_title()
                if assignment.page
                else assignment.working_title,
                assignment.due_date,
                f"assignment-{assignment.pk}",
                page=assignment.page,
                assignment=assignment,
            )
        )

    reviews = {
        int(state.object_id): state.created_at
        for state in WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            content_type=article_type,
            created_at__gte=start,
            created_at__lt=end,
        ).only("object_id", "created_at")
    }
    scheduled = {
        int(revision.object_id): revision.approved_go_live_at
        for revision in Revision.objects.filter(
            content_type=article_type, approved_go_live_at__gte=start, approved_go_live_at__lt=end
        ).only("object_id", "approved_go_live_at")
    }
    pages = ArticlePage.objects.filter(
        Q(pk__in=[*reviews, *scheduled])
        | Q(live=True, first_published_at__gte=start, first_published_at__lt=end)
        | Q(expire_at__gte=start, expire_at__lt=end)
    )
    if section is not None:
        pages = pages.child_of(section)
    if author is not None:
        pages = pages.filter(pk__in=author.article_bylines.values("page_id"))
    for page in pages.defer_streamfields():
        title = page.get_admin_display_title()
        if page.pk in reviews:
            events.append(CalendarEvent(REVIEW, title, reviews[page.pk], f"review-{page.pk}", page))
        if page.pk in scheduled:
            events.append(
                CalendarEvent(SCHEDULED, title, scheduled[page.pk], f"scheduled-{page.pk}", page)
            )
        if page.live and page.first_published_at and start <= page.first_published_at < end:
            events.append(
                CalendarEvent(
                    PUBLISHED, title, page.first_published_at, f"published-{page.pk}", page
                )
            )
        if page.expire_at and start <= page.expire_at < end:
            events.append(
                CalendarEvent(EXPIRING, title, page.expire_at, f"expiring-{page.pk}", page)
            )
    return sorted(events, key=CalendarEvent.sort_key)


def month_grid(day):
    """The weeks (Monday first) that show the month of ``day``."""
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return [days[n : n + 7] for n in range(0, len(days), 7)]


def shift_month(day, months):
    month_index = day.year * 12 + day.month - 1 + months
    return date(month_index // 12, month_index % 12 + 1, 1)
