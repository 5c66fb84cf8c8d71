"""The editorial calendar in the admin, rescheduling, and each editor's iCalendar feed."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from editorial.content.addresses import public_url
from editorial.content.models import ArticlePage
from editorial.roles import client_address, forbidden, is_editor, safe_next

from . import ical
from .events import KIND_LABELS, SCHEDULED, calendar_events, month_grid, shift_month
from .forms import CalendarFilterForm, RescheduleForm
from .models import CalendarFeed
from .scheduling import may_reschedule, reschedulable, reschedule

FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 365

logger = logging.getLogger(__name__)


class EditorOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_editor(request.user):
            return forbidden(request, gettext("Only editors use the editorial calendar."))
        return super().dispatch(request, *args, **kwargs)


class CalendarView(EditorOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/planning/calendar.html"
    page_title = _("Editorial calendar")
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
            heading = gettext("Week of %(date)s") % {"date": date_format(monday, "j F Y")}
        else:
            weeks = month_grid(anchor)
            previous, following = shift_month(anchor, -1), shift_month(anchor, 1)
            heading = date_format(anchor, "F Y")
        events = calendar_events(
            weeks[0][0], weeks[-1][-1], section=filters["section"], author=filters["author"]
        )
        user = self.request.user
        scheduled = [event for event in events if event.kind == SCHEDULED]
        allowed = reschedulable(user, [event.page for event in scheduled])
        for event in scheduled:
            event.can_reschedule = event.page.pk in allowed
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
            feed_url=public_url(reverse("editorial:calendar-feed", args=[feed.token]))
            if feed
            else None,
        )
        return context


class RescheduleView(WagtailAdminTemplateMixin, FormView):
    """Move a scheduled article; the calendar posts here from its forms and drag and drop."""

    template_name = "wagtailadmin/generic/form.html"
    form_class = RescheduleForm
    page_title = _("Reschedule")
    header_icon = "calendar"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(ArticlePage, pk=kwargs["page_id"])
        if not may_reschedule(request.user, self.page):
            return forbidden(
                request, gettext("You may not publish this article, so not reschedule it.")
            )
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
            action_url=self.request.get_full_path(),
            submit_button_label=gettext("Reschedule"),
            **kwargs,
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
            self.request,
            gettext("“%(title)s” now goes live on %(when)s.")
            % {"title": self.page.get_admin_display_title(), "when": when},
        )
        return redirect(safe_next(self.request, reverse("editorial_calendar")))


@require_POST
def manage_feed(request):
    """Create or replace (``action=regenerate``) or delete (``action=revoke``) the feed."""
    if not is_editor(request.user):
        return forbidden(request, gettext("Only editors have a calendar feed."))
    action = request.POST.get("action")
    if action == "regenerate":
        replaced = CalendarFeed.objects.filter(user=request.user).delete()[0]
        CalendarFeed.objects.create(user=request.user)
        logger.info(
            "calendar feed of %s %s", request.user, "regenerated" if replaced else "created"
        )
        messages.success(
            request, gettext("Your calendar feed has a new address; the old one is gone.")
        )
    elif action == "revoke":
        CalendarFeed.objects.filter(user=request.user).delete()
        logger.info("calendar feed of %s revoked", request.user)
        messages.success(request, gettext("Your calendar feed is switched off."))
    else:
        return HttpResponse(gettext("Unknown action."), status=400, content_type="text/plain")
    return redirect(safe_next(request, reverse("editorial_calendar")))


def feed_event(event, request):
    return ical.Event(
        uid=f"{event.uid}@{request.get_host()}",
        start=event.when,
        summary=gettext("%(kind)s: %(title)s")
        % {"kind": gettext("Overdue") if event.overdue else event.label, "title": event.title},
        description=event.assignment.notes if event.assignment else "",
        url=public_url(event.admin_url),
        categories=str(event.label),
    )


@never_cache
def ics_feed(request, token):
    """An editor's calendar for their calendar app; the secret address is the key."""
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active or not is_editor(feed.user):
        # The path holds the secret token, so it stays out of the log.
        logger.warning(
            "refused calendar feed to %s: unknown token, or its owner is no active editor",
            client_address(request),
        )
        raise Http404("No such calendar.")
    today = timezone.localdate()
    events = calendar_events(
        today - timedelta(days=FEED_PAST_DAYS), today + timedelta(days=FEED_FUTURE_DAYS)
    )
    body = ical.render(
        gettext("Editorial calendar"),
        [feed_event(event, request) for event in events],
        timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="editorial.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
