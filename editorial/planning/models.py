"""Planning: who writes what by when, who reviews what now, and private calendar feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PageChooserPanel

from editorial.content.forms import EditorialModelForm
from editorial.content.models.fields import optional_link
from editorial.roles import CreatedBy


class Assignment(CreatedBy):
    """An editor's commission: a working title (and later its article) for some authors.

    A planned piece has no page yet; the editor links the draft once it exists, so the
    calendar and the dashboard follow one record from idea to publication.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.OPEN, Status.IN_PROGRESS)

    working_title = models.CharField(max_length=255)
    page = optional_link(
        "editorial.ArticlePage",
        related_name="assignments",
        verbose_name=_("article"),
        help_text=_("The draft, once there is one."),
    )
    section = optional_link("editorial.SectionPage", related_name="assignments")
    assignees = models.ManyToManyField(
        "editorial.Author",
        related_name="assignments",
        help_text=_("Authors with an admin account see this on their dashboard."),
    )
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("working_title"),
        PageChooserPanel("page", page_type="editorial.ArticlePage"),
        FieldPanel("section"),
        FieldPanel("assignees"),
        FieldPanel("due_date"),
        FieldPanel("status"),
        FieldPanel("notes"),
    ]
    base_form_class = EditorialModelForm

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["due_date"], name="assignment_due_date_idx")]

    def __str__(self):
        return self.working_title

    @property
    def is_overdue(self):
        return self.status in self.ACTIVE and self.due_date < timezone.localdate()


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of one editor's iCalendar feed; deleting the row revokes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return gettext("Calendar feed of %(user)s") % {"user": self.user}
