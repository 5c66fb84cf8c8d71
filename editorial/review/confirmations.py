"""What the editor is told after saving: that the article is live, and where, or when it
will be; that a new draft was created.

Wagtail confirms "Approve and publish" with "has been updated" and a publication with
"has been published"; a newsroom wants to know whether readers can see it now and to
open it from the message.
"""

from django.contrib import messages as django_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext

from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.models import Page

# Session key of the pages and snippets autosave created, not yet saved by hand.
AUTOSAVED_CREATIONS = "editorial_autosaved_creations"
MAX_REMEMBERED = 20
# The buttons of the edit views that do more than save, with a confirmation of their own.
ACTIONS_BEYOND_SAVING = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
    "action-cancel-workflow",
)


def publication_news(page, approved=False):
    """What just happened to ``page``: live (with its address), scheduled (with the time),
    or, after an approval that did not publish, still in review."""
    page = Page.objects.get(pk=page.pk).specific
    title = get_latest_str(page)
    scheduled = page.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at > timezone.now():
        when = date_format(timezone.localtime(scheduled.approved_go_live_at), "DATETIME_FORMAT")
        text = (
            gettext("“%(title)s” is approved and scheduled: it goes live on %(when)s.")
            if approved
            else gettext("“%(title)s” is scheduled: it goes live on %(when)s.")
        )
        return text % {"title": title, "when": when}, []
    if page.live and page.live_revision_id == page.latest_revision_id:
        url = page.full_url
        text = (
            gettext("“{title}” is approved and live at {link}.")
            if approved
            else gettext("“{title}” is live at {link}.")
        )
        link = format_html('<a href="{}">{}</a>', url, url)
        return format_html(text, title=title, link=link), [
            messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), gettext("Edit"))
        ]
    return None, []


def replace_confirmation(request, text, buttons):
    """Put ``text`` in place of the view's own confirmation.

    The confirmation is the one success message of a publishing request; the others
    (warnings, errors) stay as they are.
    """
    storage = django_messages.get_messages(request)
    kept = [message for message in storage if message.level != django_messages.SUCCESS]
    for message in kept:
        storage.add(message.level, message.message, message.extra_tags)
    messages.success(request, text, buttons=buttons)


def confirm_publication(request, page):
    """after_edit_page and after_create_page: say what Publish or an approval did."""
    if request.method != "POST":
        return
    approved = request.POST.get("workflow-action-name") == "approve"
    if not (approved or request.POST.get("action-publish")):
        return
    text, buttons = publication_news(page, approved=approved)
    if text:
        replace_confirmation(request, text, buttons)


def autosaved_key(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def remember_autosaved_creation(request, obj):
    """after_create_page and after_create_snippet: note what autosave created.

    Autosave creates the page or snippet in the background and turns the create view
    into its edit view, whose "Save draft" then says "updated" about a draft the writer
    has just created: the first save by hand says "created" instead.
    """
    if request.accepts("text/html"):
        return
    created = request.session.get(AUTOSAVED_CREATIONS, [])
    request.session[AUTOSAVED_CREATIONS] = [*created, autosaved_key(obj)][-MAX_REMEMBERED:]


def confirm_creation(request, obj):
    """after_edit_page and after_edit_snippet: "created" for the first save by hand."""
    if request.method != "POST" or not request.accepts("text/html"):
        return
    created = request.session.get(AUTOSAVED_CREATIONS, [])
    key = autosaved_key(obj)
    if key not in created:
        return
    request.session[AUTOSAVED_CREATIONS] = [other for other in created if other != key]
    if any(request.POST.get(name) for name in ACTIONS_BEYOND_SAVING):
        return
    if isinstance(obj, Page):
        text = gettext("Page '%(page_title)s' created.") % {"page_title": get_latest_str(obj)}
    else:
        text = capfirst(
            gettext("%(model_name)s '%(object)s' created.")
            % {"model_name": obj._meta.verbose_name, "object": get_latest_str(obj)}
        )
    replace_confirmation(request, text, [])
