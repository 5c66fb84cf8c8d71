"""Tell an editor when they saved over a version someone else saved meanwhile.

Wagtail keeps every save as a revision, so nothing is lost, but outside autosave it
does not say that the other person's changes are no longer in the current draft.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.models import Page

STALE_EDIT_ATTRIBUTE = "editorial_saved_over_revision"


def remember_stale_edit(request, page):
    """Before the save: note whether the form was loaded from an older revision."""
    if request.method != "POST":
        return
    loaded = request.POST.get("loaded_revision_id")
    latest = Page.objects.filter(pk=page.pk).values_list("latest_revision_id", flat=True).first()
    if loaded and latest and loaded != str(latest):
        setattr(request, STALE_EDIT_ATTRIBUTE, latest)


def warn_about_stale_edit(request, page):
    """After the save: point the editor at the revision they saved over."""
    other_revision = getattr(request, STALE_EDIT_ATTRIBUTE, None)
    if other_revision is None:
        return
    messages.warning(
        request,
        format_html(
            _(
                "Someone else saved this article while you were editing it. Both versions are "
                'kept: <a href="{url}">compare them in the history</a> before publishing.'
            ),
            url=reverse("wagtailadmin_pages:history", args=(page.pk,)),
        ),
    )
