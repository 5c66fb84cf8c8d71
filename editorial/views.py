"""Public views that are not pages in the tree: tag and author listings."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from taggit.models import Tag

from editorial import page_cache
from editorial.models import Author
from editorial.models.pages import ARTICLES_PER_PAGE
from editorial.queries import articles_by_author, articles_tagged


def paginate(request, queryset):
    return Paginator(queryset, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))


def tag_index(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page_cache.cache_publicly(f"tag:{tag.slug}")
    articles = paginate(request, articles_tagged(tag))
    # A tag used only by drafts or private pages must not reveal that it exists.
    if not articles.paginator.count:
        raise Http404("No published articles with this tag")
    return render(request, "editorial/tag_index.html", {"tag": tag, "articles": articles})


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug, live=True)
    page_cache.cache_publicly(f"author:{author.pk}")
    articles = paginate(request, articles_by_author(author))
    return render(request, "editorial/author_detail.html", {"author": author, "articles": articles})
