"""Shareable previews: the public link a reviewer without an account opens, and the admin
screen where editors create and revoke such links.

Only editors (and administrators) share drafts: those who may publish the article under
the page permissions. Authors, even of their own draft, ask an editor; a link lets anyone
holding it read unpublished work, which is an editorial decision.
"""

import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from editorial.content.addresses import public_url
from editorial.content.models import ArticlePage
from editorial.roles import client_address, forbidden

from .forms import ShareablePreviewForm
from .models import ShareablePreview, ShareablePreviewAccess
from .permissions import can_share_preview

CREATE_ACTION = "editorial.preview_link.create"
REVOKE_ACTION = "editorial.preview_link.revoke"
# token_urlsafe(32) is 43 characters; anything much longer is not a token of ours.
MAX_TOKEN_LENGTH = 64
RECENT_ACCESSES = 20

logger = logging.getLogger(__name__)


def register_log_actions(actions):
    actions.register_action(
        CREATE_ACTION, _("Create shareable preview"), _("Shareable preview created")
    )
    actions.register_action(
        REVOKE_ACTION, _("Revoke shareable preview"), _("Shareable preview revoked")
    )


@require_GET
def serve_shareable_preview(request, token):
    """The latest draft of the article behind ``token``, for whoever holds the link.

    Unknown, expired and revoked tokens all answer the same 404, so a guess learns
    nothing. The response is private, never stored by the page cache or a proxy, and
    kept out of search engines and out of other sites' referrer logs.
    """
    link = ShareablePreview.objects.for_token(token) if len(token) <= MAX_TOKEN_LENGTH else None
    if link is None:
        # The path holds the token, which opens the draft while it is valid: not logged.
        logger.warning(
            "refused shareable preview to %s: unknown, expired or revoked token",
            client_address(request),
        )
        raise Http404("No such preview")
    link.record_access(request)
    draft = link.page.get_latest_revision_as_object()
    mode = draft.default_preview_mode
    request.is_preview = True
    request.preview_mode = mode
    context = draft.get_preview_context(request, mode)
    context["page_template"] = draft.get_preview_template(request, mode)
    context["shareable_preview"] = link
    response = TemplateResponse(request, "editorial/shareable_preview.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True)
    return response


class ShareablePreviewsView(WagtailAdminTemplateMixin, View):
    """An article's shareable links: create one (its address is shown once), revoke any."""

    template_name = "editorial/previews/manage.html"
    page_title = _("Shareable previews")
    header_icon = "link"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(ArticlePage, pk=page_id)
        if not can_share_preview(request.user, self.page):
            return forbidden(request, gettext("You may not share this article."))
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get(self, request):
        return self.render(ShareablePreviewForm())

    def post(self, request):
        form = ShareablePreviewForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        link, token = ShareablePreview.create(
            self.page, request.user, form.cleaned_data["hours"], form.cleaned_data["note"]
        )
        log(
            instance=self.page,
            action=CREATE_ACTION,
            user=request.user,
            data={"link": link.pk, "expires_at": link.expires_at.isoformat()},
        )
        logger.info(
            "shareable preview %s of page %s created by %s, valid until %s",
            link.pk,
            self.page.pk,
            request.user,
            link.expires_at.isoformat(),
        )
        new_url = public_url(reverse("editorial:shareable-preview", args=[token]))
        return self.render(ShareablePreviewForm(), new_link=link, new_url=new_url)

    def render(self, form, status=200, **extra):
        links = self.page.shareable_previews.select_related("created_by", "revoked_by")
        context = self.get_context_data(
            form=form,
            article=self.page,
            links=links,
            accesses=ShareablePreviewAccess.objects.filter(preview__page=self.page).select_related(
                "preview"
            )[:RECENT_ACCESSES],
            **extra,
        )
        return self.render_to_response(context, status=status)


@require_POST
def revoke_shareable_preview(request, pk):
    link = get_object_or_404(ShareablePreview.objects.select_related("page"), pk=pk)
    if not can_share_preview(request.user, link.page):
        return forbidden(request, gettext("You may not share this article."))
    if link.revoked_at is None:
        link.revoke(request.user)
        log(instance=link.page, action=REVOKE_ACTION, user=request.user, data={"link": link.pk})
        logger.info(
            "shareable preview %s of page %s revoked by %s", link.pk, link.page_id, request.user
        )
    messages.success(request, gettext("The link is revoked: it no longer opens the draft."))
    return redirect("editorial_shareable_previews", link.page_id)
