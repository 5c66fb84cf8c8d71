"""Tell an editor when they saved over a version someone else saved meanwhile.

Wagtail keeps every save as a revision, so nothing is lost, but outside autosave it
does not say that the other person's changes are no longer in the current draft.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

STALE_EDIT_ATTRIBUTE = "editorial_saved_over_revision"


def remember_stale_edit(request, page):
    """Before the save: note a revision someone else saved after the form was loaded.

    The editor's own revisions since then are not news to them: Wagtail's autosave saves
    the form as it is typed, and leaves the loaded revision in the form as it was.
    """
    if request.method != "POST":
        return
    loaded = request.POST.get("loaded_revision_id", "")
    if not (loaded.isascii() and loaded.isdigit()):
        return
    others = page.revisions.filter(pk__gt=int(loaded)).exclude(user=request.user)
    other = others.order_by("-pk").values_list("pk", flat=True).first()
    if other is not None:
        setattr(request, STALE_EDIT_ATTRIBUTE, other)


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


def refuse_ended_task_action(request, page):
    """Before the save: a workflow action on a review task that has ended meanwhile.

    Another editor acted first, or the action was sent twice; Wagtail's edit view would
    fail on the missing task with a 500. The editor is told and sent back to the page,
    whose form they can post again.
    """
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if page.current_workflow_task is not None:
        return None
    messages.error(
        request,
        _(
            "This review step was already completed, by someone else or by an earlier "
            "click: nothing was saved. Check the page's status before acting again."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
