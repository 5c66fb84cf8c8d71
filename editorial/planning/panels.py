"""The admin home's panel of an author's open assignments."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editorial.content.models import Author
from editorial.review.dashboard import EditorialPanel
from editorial.roles import is_editor

from .models import Assignment


class MyAssignmentsPanel(EditorialPanel):
    heading = _("Your assignments")
    empty = _("Nothing is assigned to you.")
    order = 70

    def is_shown(self, user):
        return Author.objects.filter(user=user).exists()

    def get_rows(self, user):
        """Each row is the assignment, by its working title, and opens it: in its edit
        view for editors, who may change it, else in its inspect view."""
        assignments = Assignment.objects.filter(assignees__user=user, status__in=Assignment.ACTIVE)
        view = "edit" if is_editor(user) else "inspect"
        return [
            {
                "title": assignment.working_title,
                "url": reverse(f"assignments:{view}", args=[assignment.pk]),
                "status": gettext("Overdue")
                if assignment.is_overdue
                else assignment.get_status_display(),
                "overdue": assignment.is_overdue,
                "due": assignment.due_date,
            }
            for assignment in assignments.distinct()
        ]
