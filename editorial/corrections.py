"""Corrections and updates: what readers see of them, and the editors' admin screens.

A note changes the live article without a republish, so saving or deleting one
invalidates the article's cached page and the site-wide corrections page itself.
"""

from django.core.paginator import Paginator
from django.db.models.signals import post_delete, post_save
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from editorial import page_cache
from editorial.admin_views import RecordsCreatorMixin
from editorial.models import ArticleCorrection

CORRECTIONS_PER_PAGE = 20


@require_GET
def corrections_index(request):
    """Every correction and update of live, public articles, newest first."""
    page_cache.cache_publicly("corrections", "latest")
    notes = (
        ArticleCorrection.objects.public().select_related("page").order_by("-published_at", "-pk")
    )
    # "articles" is the name base.html gives a listing's page number in titles and links.
    listing = Paginator(notes, CORRECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    page_cache.depends_on(*(f"page:{note.page_id}" for note in listing))
    return render(request, "editorial/corrections.html", {"articles": listing})


def invalidate_article(sender, instance, **kwargs):
    page_cache.invalidate(f"page:{instance.page_id}", "corrections")


def connect():
    post_save.connect(invalidate_article, sender=ArticleCorrection)
    post_delete.connect(invalidate_article, sender=ArticleCorrection)


class CorrectionCreateView(RecordsCreatorMixin, CreateView):
    def get_initial(self):
        # "Add correction" on an article's page links here with the article chosen.
        initial = super().get_initial()
        page_id = self.request.GET.get("page", "")
        if page_id.isdigit():
            initial["page"] = int(page_id)
        return initial


class CorrectionViewSet(SnippetViewSet):
    model = ArticleCorrection
    icon = "warning"
    menu_label = "Corrections"
    list_display = ["page", "kind", "published_at"]
    list_filter = ["kind"]
    ordering = ["-published_at", "-pk"]
    add_view_class = CorrectionCreateView
