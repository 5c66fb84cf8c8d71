"""The admin home's panel of an author's open assignments."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editorial.content.models import Author
from editorial.review.dashboard import EditorialPanel

from .models import Assignment


class MyAssignmentsPanel(EditorialPanel):
    heading = _("Your assignments")
    empty = _("Nothing is assigned to you.")
    order = 70

    def is_shown(self, user):
        return Author.objects.filter(user=user).exists()

    def get_rows(self, user):
        assignments = Assignment.objects.filter(
            assignees__user=user, status__in=Assignment.ACTIVE
        ).select_related("page")
        return [
            {
                "title": assignment.page.get_admin_display_title()
                if assignment.page
                else assignment.working_title,
                "url": reverse("assignments:inspect", args=[assignment.pk]),
                "status": gettext("Overdue")
                if assignment.is_overdue
                else assignment.get_status_display(),
                "overdue": assignment.is_overdue,
                "due": assignment.due_date,
            }
            for assignment in assignments.distinct()
        ]
