"""Corrections and updates: what readers see of them, and the editors' admin screens.

A note changes the live article without a republish, so saving or deleting one
invalidates the article's cached page and the corrections page (``signals``).
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from editorial.content.dependencies import CORRECTIONS, LATEST, PAGE
from editorial.pagecache.recording import cache_publicly, depends_on

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
