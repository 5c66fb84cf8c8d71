"""What the editor is told after publishing: that the article is live, and where, or when
it will be.

Wagtail confirms "Approve and publish" with "has been updated" and a publication with
"has been published"; a newsroom wants to know whether readers can see it now and to
open it from the message.
"""

from django.contrib import messages as django_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext

from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.models import Page


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
