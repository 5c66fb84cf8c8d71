"""Admin views of the review: workflow insight, "My articles", claiming and releasing a
review, and bulk publishing of what is ready."""

from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.models import Page

from editorial.content.checklist import missing_items
from editorial.roles import forbidden, is_editor, safe_next, writes_articles

from .claims import claim_refusal, claimant_name
from .forms import InsightForm, MyArticlesForm
from .insight import DEFAULT_PERIOD_DAYS, review_insight, stuck_in_review
from .models import ReviewClaim
from .my_articles import articles_of, rows_for
from .publication import latest_version, publication_refusal
from .visibility import ShownBulkActionMixin


class WorkflowInsightView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/review/workflow_insight.html"
    page_title = _("Workflow insight")
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not is_editor(request.user):
            return forbidden(request, gettext("Editors only."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        initial = {"start": today - timedelta(days=DEFAULT_PERIOD_DAYS), "end": today}
        form = InsightForm(self.request.GET or initial)
        context["form"] = form
        if form.is_valid():
            context.update(review_insight(form.cleaned_data["start"], form.cleaned_data["end"]))
        context["stuck"] = stuck_in_review()
        context["stuck_hours"] = settings.EDITORIAL_STUCK_REVIEW_HOURS
        return context

    def render_to_response(self, context, **response_kwargs):
        if context["form"].errors:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


class MyArticlesView(WagtailAdminTemplateMixin, TemplateView):
    """The articles the signed-in person owns or is on the byline of, filtered by status."""

    template_name = "editorial/review/my_articles.html"
    page_title = _("My articles")
    header_icon = "doc-full-inverse"
    paginate_by = 20

    def dispatch(self, request, *args, **kwargs):
        if not writes_articles(request.user):
            return forbidden(request, gettext("Authors and editors only."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = MyArticlesForm(self.request.GET)
        context["form"] = form
        if not form.is_valid():
            context["rows"] = []
            return context
        articles = articles_of(self.request.user)
        if form.cleaned_data["status"]:
            articles = articles.filter(status=form.cleaned_data["status"])
        page = Paginator(articles, self.paginate_by).get_page(self.request.GET.get("p"))
        context["items"] = page
        context["elided_page_range"] = page.paginator.get_elided_page_range(page.number)
        context["rows"] = rows_for(page.object_list)
        return context

    def render_to_response(self, context, **response_kwargs):
        if context["form"].errors:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


@require_POST
def claim_review(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    refusal = claim_refusal(request.user, page)
    if refusal:
        return forbidden(request, refusal)
    claim, created = ReviewClaim.objects.select_related("user").get_or_create(
        page=page, defaults={"user": request.user}
    )
    title = page.get_admin_display_title()
    if created or claim.user_id == request.user.pk:
        messages.success(
            request,
            _("You are reviewing “%(title)s”; other editors can see that.") % {"title": title},
        )
    else:
        messages.error(
            request,
            _(
                "“%(title)s” is already being reviewed by %(name)s (claimed %(since)s ago). "
                "Leave it to them, or ask them to release it."
            )
            % {
                "title": title,
                "name": claimant_name(claim, request.user),
                "since": timesince(claim.claimed_at),
            },
        )
    return redirect(safe_next(request, reverse("wagtailadmin_pages:edit", args=[page.pk])))


@require_POST
def release_review(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    claim = ReviewClaim.objects.filter(page=page).select_related("user").first()
    if claim is None:
        messages.error(request, _("Nobody has claimed this review."))
    elif claim.user_id == request.user.pk or request.user.is_superuser:
        claim.delete()
        messages.success(
            request,
            _("The review of “%(title)s” is open.") % {"title": page.get_admin_display_title()},
        )
    else:
        return forbidden(
            request,
            _("Only %(name)s or an administrator may release it.")
            % {"name": claimant_name(claim, request.user)},
        )
    return redirect(safe_next(request, reverse("wagtailadmin_pages:edit", args=[page.pk])))


class PublishReadyBulkAction(ShownBulkActionMixin, PublishBulkAction):
    """Wagtail's bulk publish of pages, for the pages whose checklist passes.

    The confirmation lists the others with what they miss, and draft subpages published
    with their parent go through the same check. An administrator publishes everything
    chosen, and each override is logged (``publication.publication_refusal``). Like the
    other bulk actions, it names only the refused pages the user may see.
    """

    template_name = "editorial/review/confirm_bulk_publish.html"

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        ready, not_ready = [], []
        for page in objects:
            missing = [] if self.request.user.is_superuser else missing_items(latest_version(page))
            if missing:
                not_ready.append({"item": page.specific_deferred, "missing": missing})
            else:
                ready.append(page)
        return ready, {**extra, "items_not_ready": not_ready}

    def prepare_action(self, objects, objects_without_access):
        """Choose the draft subpages to publish with their parents (when asked to)."""
        self.descendants, held = [], []
        if not self.cleaned_form.cleaned_data["include_descendants"]:
            return
        user = self.request.user
        for page in objects:
            for draft in page.get_descendants().not_live().defer_streamfields().specific():
                if not draft.permissions_for_user(user).can_publish():
                    continue
                if user.is_superuser or not missing_items(latest_version(draft)):
                    self.descendants.append(draft)
                else:
                    held.append(draft.get_admin_display_title())
        if held:
            messages.warning(
                self.request,
                ngettext(
                    "Left unpublished because its checklist fails: %(titles)s",
                    "Left unpublished because their checklists fail: %(titles)s",
                    len(held),
                )
                % {"titles": ", ".join(f"“{title}”" for title in held)},
            )

    def get_execution_context(self):
        # The subpages chosen above replace Wagtail's own pass over them.
        return {
            **super().get_execution_context(),
            "include_descendants": False,
            "descendants": self.descendants,
        }

    @classmethod
    def execute_action(cls, objects, descendants=(), user=None, **kwargs):
        ready = [page for page in objects if not publication_refusal(page, user, "publish")]
        ready_descendants = [
            page for page in descendants if not publication_refusal(page, user, "publish")
        ]
        parents, _ = super().execute_action(ready, user=user, **kwargs)
        children, _ = super().execute_action(ready_descendants, user=user)
        return parents, children
