"""What the editor's script asks while an author writes: the checklist of the form as it
stands, and whether the author is still signed in.

The checklist is computed here from the posted form, by the rules the review enforces
(``checklist``), so the browser holds no copy of them.
"""

import logging

from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.models import Page

from editorial.roles import forbidden

from .checklist import ChecklistPanel, form_checklist

logger = logging.getLogger(__name__)


def has_checklist_panel(page_class):
    return any(isinstance(panel, ChecklistPanel) for panel in page_class.content_panels)


def checklist_answer(request, form):
    items = form_checklist(form)
    missing = [item for item in items if not item.passed]
    html = render_to_string(
        "editorial/content/checklist_items.html",
        {"items": items, "missing": missing},
        request=request,
    )
    return JsonResponse({"html": html, "missing": [item.missing for item in missing]})


@require_POST
def live_checklist(request, page_id):
    """The checklist of the article as the edit form posted here holds it; nothing is saved."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not has_checklist_panel(type(page)):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        return forbidden(request, gettext("You may not edit this article."))
    draft = page.get_latest_revision_as_object()
    form_class = type(page).get_edit_handler().get_form_class()
    form = form_class(
        request.POST, instance=draft, parent_page=page.get_parent(), for_user=request.user
    )
    return checklist_answer(request, form)


@require_POST
def live_checklist_new(request, parent_id):
    """The checklist of a new article, as its create form holds it; nothing is saved."""
    parent = get_object_or_404(Page, pk=parent_id).specific
    page_class = next(
        (model for model in parent.creatable_subpage_models() if has_checklist_panel(model)),
        None,
    )
    if page_class is None:
        raise Http404
    if not parent.permissions_for_user(request.user).can_add_subpage():
        return forbidden(request, gettext("You may not add an article here."))
    form_class = page_class.get_edit_handler().get_form_class()
    form = form_class(
        request.POST, instance=page_class(), parent_page=parent, for_user=request.user
    )
    return checklist_answer(request, form)


@require_http_methods(["GET", "POST"])
def editor_session(request):
    """Who is signed in, with a fresh CSRF token for the open editor; a POST also renews the
    session, as the author's typing does.

    Reached through the admin's access check: a signed-out author never gets here (the
    editor's script reads the refusal as "signed out").
    """
    if request.method == "POST":
        request.session.modified = True
    user = request.user
    return JsonResponse(
        {"user": user.pk, "username": user.get_username(), "csrf_token": get_token(request)}
    )
