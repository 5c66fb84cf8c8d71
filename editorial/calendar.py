"""The editorial calendar: what is due, in review, scheduled, published and expiring.

One function, :func:`calendar_events`, answers for the admin calendar and for each
editor's private iCalendar feed, in a fixed number of queries whatever the period.
Rescheduling moves the go-live time of the scheduled revision itself, which is what
``publish_scheduled`` reads.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.locks import BasicLock
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page, Revision, WorkflowState

from editorial import ical
from editorial.admin_views import forbidden, safe_next
from editorial.dashboard import is_editor
from editorial.models import ArticlePage, Assignment, Author, CalendarFeed, SectionPage

RESCHEDULE_ACTION = "editorial.reschedule"
FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 365

DUE, REVIEW, SCHEDULED, PUBLISHED, EXPIRING = (
    "due",
    "review",
    "scheduled",
    "published",
    "expiring",
)
KIND_LABELS = {
    DUE: "Due",
    REVIEW: "In review",
    SCHEDULED: "Scheduled",
    PUBLISHED: "Published",
    EXPIRING: "Expires",
}


class PageIdConverter:
    """Page ids as the database can hold them: a longer number is a 404, not a 500."""

    regex = "[0-9]{1,9}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


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


def may_reschedule(user, page):
    """The edit view's rule for publishing: publish permission (four-eyes included) and
    no edit lock held by someone else."""
    if not page.permissions_for_user(user).can_publish():
        return False
    return not (page.locked and BasicLock(page).for_user(user))


@transaction.atomic
def reschedule(page, go_live_at, user):
    """Move the scheduled revision of ``page`` to ``go_live_at`` and log who did it.

    Both the revision's approval time and the go-live date in its content change:
    ``publish_scheduled`` picks revisions by the first and publishes by the second.
    """
    revision = (
        Revision.page_revisions.select_for_update()
        .filter(object_id=str(page.pk), approved_go_live_at__isnull=False)
        .first()
    )
    if revision is None:
        raise ValidationError("This article is not scheduled.")
    old = revision.approved_go_live_at
    revision.approved_go_live_at = go_live_at
    revision.content["go_live_at"] = DjangoJSONEncoder().default(go_live_at)
    revision.save(update_fields=["content", "approved_go_live_at"])
    if not page.live:
        Page.objects.filter(pk=page.pk).update(go_live_at=go_live_at)
        page.go_live_at = go_live_at
    log(
        instance=page,
        action=RESCHEDULE_ACTION,
        user=user,
        data={"old": old.isoformat(), "new": go_live_at.isoformat()},
        revision=revision,
    )
    return revision


class RescheduleFormatter(LogFormatter):
    label = "Reschedule"

    def format_message(self, log_entry):
        old, new = (parse_datetime(log_entry.data.get(key, "")) for key in ("old", "new"))
        if old and new:
            when = (date_format(timezone.localtime(m), "DATETIME_FORMAT") for m in (old, new))
            return "Rescheduled from {} to {}".format(*when)
        return "Rescheduled"


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


class CalendarFilterForm(forms.Form):
    view = forms.ChoiceField(choices=[("month", "Month"), ("week", "Week")], required=False)
    date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    section = forms.ModelChoiceField(
        queryset=SectionPage.objects.order_by("title"), required=False, empty_label="All sections"
    )
    author = forms.ModelChoiceField(
        queryset=Author.objects.order_by("name"), required=False, empty_label="All authors"
    )


class RescheduleForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Leave empty to keep the time of day.",
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        moment = cleaned.get("time") or timezone.localtime(self.current).time()
        go_live_at = timezone.make_aware(datetime.combine(cleaned["date"], moment))
        if go_live_at <= timezone.now():
            self.add_error("date", "Choose a time in the future.")
        else:
            cleaned["go_live_at"] = go_live_at
        return cleaned


class EditorOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_editor(request.user):
            return forbidden(request, "Only editors use the editorial calendar.")
        return super().dispatch(request, *args, **kwargs)


class CalendarView(EditorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/admin/calendar.html"
    page_title = "Editorial calendar"
    header_icon = "calendar"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        data = request.GET.copy()
        data.setdefault("view", "month")
        data.setdefault("date", timezone.localdate().isoformat())
        self.form = CalendarFilterForm(data)
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=200 if self.form.is_valid() else 400)

    @cached_property
    def filters(self):
        cleaned = self.form.cleaned_data if self.form.is_valid() else {}
        return {
            "view": cleaned.get("view") or "month",
            "date": cleaned.get("date") or timezone.localdate(),
            "section": cleaned.get("section"),
            "author": cleaned.get("author"),
        }

    def url_for(self, **changes):
        values = {**self.filters, **changes}
        query = {"view": values["view"], "date": values["date"].isoformat()}
        for name in ("section", "author"):
            if values[name] is not None:
                query[name] = values[name].pk
        return reverse("editorial_calendar") + "?" + "&".join(f"{k}={v}" for k, v in query.items())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filters
        anchor = filters["date"]
        if filters["view"] == "week":
            monday = anchor - timedelta(days=anchor.weekday())
            weeks = [[monday + timedelta(days=n) for n in range(7)]]
            previous, following = anchor - timedelta(days=7), anchor + timedelta(days=7)
            heading = f"Week of {date_format(monday, 'j F Y')}"
        else:
            weeks = month_grid(anchor)
            previous, following = shift_month(anchor, -1), shift_month(anchor, 1)
            heading = date_format(anchor, "F Y")
        events = calendar_events(
            weeks[0][0], weeks[-1][-1], section=filters["section"], author=filters["author"]
        )
        user = self.request.user
        for event in events:
            if event.kind == SCHEDULED:
                event.can_reschedule = may_reschedule(user, event.page)
        by_day = {}
        for event in events:
            by_day.setdefault(event.day, []).append(event)
        today = timezone.localdate()
        here = self.request.get_full_path()
        feed = CalendarFeed.objects.filter(user=user).first()
        context.update(
            form=self.form,
            heading=heading,
            view=filters["view"],
            weeks=[
                [
                    {
                        "date": day,
                        "events": by_day.get(day, []),
                        "is_today": day == today,
                        "is_past": day < today,
                        "outside": filters["view"] == "month" and day.month != anchor.month,
                    }
                    for day in week
                ]
                for week in weeks
            ],
            weekdays=[date_format(day, "l") for day in weeks[0]],
            previous_url=self.url_for(date=previous),
            next_url=self.url_for(date=following),
            today_url=self.url_for(date=today),
            month_url=self.url_for(view="month"),
            week_url=self.url_for(view="week"),
            here=here,
            kinds=KIND_LABELS.items(),
            feed_url=self.request.build_absolute_uri(
                reverse("editorial:calendar-feed", args=[feed.token])
            )
            if feed
            else None,
        )
        return context


class RescheduleView(WagtailAdminTemplateMixin, FormView):
    """Move a scheduled article; the calendar posts here from its forms and drag and drop."""

    template_name = "wagtailadmin/generic/form.html"
    form_class = RescheduleForm
    page_title = "Reschedule"
    header_icon = "calendar"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(ArticlePage, pk=kwargs["page_id"])
        if not may_reschedule(request.user, self.page):
            return forbidden(request, "You may not publish this article, so not reschedule it.")
        self.revision = self.page.scheduled_revision
        if self.revision is None:
            raise Http404("This article is not scheduled.")
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("editorial_calendar"), "label": CalendarView.page_title},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "current": self.revision.approved_go_live_at}

    def get_initial(self):
        current = timezone.localtime(self.revision.approved_go_live_at)
        return {"date": current.date(), "time": current.time().replace(second=0, microsecond=0)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.get_full_path(), submit_button_label="Reschedule", **kwargs
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        go_live_at = form.cleaned_data["go_live_at"]
        try:
            reschedule(self.page, go_live_at, self.request.user)
        except ValidationError as error:  # published or unscheduled since the form was drawn
            form.add_error("date", error)
            return self.form_invalid(form)
        when = date_format(timezone.localtime(go_live_at), "DATETIME_FORMAT")
        messages.success(
            self.request, f"“{self.page.get_admin_display_title()}” now goes live on {when}."
        )
        return redirect(safe_next(self.request, reverse("editorial_calendar")))


@require_POST
def manage_feed(request):
    """Create or replace (``action=regenerate``) or delete (``action=revoke``) the feed."""
    if not is_editor(request.user):
        return forbidden(request, "Only editors have a calendar feed.")
    action = request.POST.get("action")
    if action == "regenerate":
        CalendarFeed.objects.filter(user=request.user).delete()
        CalendarFeed.objects.create(user=request.user)
        messages.success(request, "Your calendar feed has a new address; the old one is gone.")
    elif action == "revoke":
        CalendarFeed.objects.filter(user=request.user).delete()
        messages.success(request, "Your calendar feed is switched off.")
    else:
        return HttpResponse("Unknown action.", status=400, content_type="text/plain")
    return redirect(safe_next(request, reverse("editorial_calendar")))


def feed_event(event, request):
    return ical.Event(
        uid=f"{event.uid}@{request.get_host()}",
        start=event.when,
        summary=f"{'Overdue' if event.overdue else event.label}: {event.title}",
        description=event.assignment.notes if event.assignment else "",
        url=request.build_absolute_uri(event.admin_url),
        categories=event.label,
    )


@never_cache
def ics_feed(request, token):
    """An editor's calendar for their calendar app; the secret address is the key."""
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active or not is_editor(feed.user):
        raise Http404("No such calendar.")
    today = timezone.localdate()
    events = calendar_events(
        today - timedelta(days=FEED_PAST_DAYS), today + timedelta(days=FEED_FUTURE_DAYS)
    )
    body = ical.render(
        "Editorial calendar", [feed_event(event, request) for event in events], timezone.now()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="editorial.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
