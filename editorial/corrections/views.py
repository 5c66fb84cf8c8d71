"""Corrections and updates: what readers see of them, and the editors' admin screens.

A note changes the live article without a republish, so saving or deleting one
invalidates the article's cached page and the corrections page (``signals``).
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from editorial.content.dependencies import CORRECTIONS, LATEST, PAGE
from editorial.pagecache.recording import cache_publicly, depends_on
from editorial.roles import RecordsCreatorMixin

from .models import ArticleCorrection

CORRECTIONS_PER_PAGE = 20


@require_GET
def corrections_index(request):
    """Every correction and update of live, public articles, newest first."""
    cache_publicly(CORRECTIONS(), LATEST())
    notes = (
        ArticleCorrection.objects.public().select_related("page").order_by("-published_at", "-pk")
    )
    # "articles" is the name base.html gives a listing's page number in titles and links.
    listing = Paginator(notes, CORRECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    depends_on(*PAGE.all(note.page_id for note in listing))
    return render(request, "editorial/corrections.html", {"articles": listing})


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
    menu_label = _("Corrections")
    list_display = ["page", "kind", "published_at"]
    list_filter = ["kind"]
    ordering = ["-published_at", "-pk"]
    add_view_class = CorrectionCreateView
