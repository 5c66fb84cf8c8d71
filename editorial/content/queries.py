"""Every public selection of articles lives here, so that each is written once.

Each function returns only live, public pages. Lists of cards select each article's stored
card with it (``content.cards``); feeds and search, which show more than a card, load
bylines, tags and the hero's renditions with ``with_card_data`` in a fixed number of queries.
"""

import functools
import re
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVectorField,
)
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Cast, Coalesce, Left, Length
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends.database.postgres.weights import get_sql_weights
from wagtail.search.query import PlainText

from taggit.models import Tag

from editorial.pagecache.recording import expires_within
from editorial.readership.models import ArticleDailyViews

from .compiled import CompiledModelQuery, CompiledQuery
from .renditions import CARD_SPECS

# Live articles always have a first publication date, so this order can walk Wagtail's
# index on it (NULLS FIRST, as a backward scan of that index gives) instead of sorting.
NEWEST_FIRST = (F("first_published_at").desc(), F("pk").desc())
# How many articles make up "the current trending set", the ones that earn the badge.
TRENDING_SET_SIZE = 10


def model(name):
    """The content model called ``name``, looked up by label: the page models are built
    from blocks that list articles through this module, so it cannot import them."""
    return apps.get_model("editorial", name)


def live_and_public(queryset):
    """Live pages outside every view-restricted part of the tree.

    Wagtail's ``public()`` first loads all restrictions in a query of its own; this
    ``NOT EXISTS`` keeps the check inside the one query that selects the pages.
    """
    return queryset.filter(live=True).filter(~Exists(restrictions_over_outer_page()))


def live_and_public_through(queryset, page):
    """``live_and_public`` for the pages that rows of ``queryset`` point to by ``page``."""
    return queryset.filter(**{f"{page}__live": True}).filter(
        ~Exists(restrictions_over_outer_page(f"{page}__path"))
    )


def restrictions_over_outer_page(path="path"):
    """View restrictions on the page of the outer query (its ``path``) or on one of its
    ancestors."""
    candidate_path = ExpressionWrapper(OuterRef(path), output_field=CharField())
    return PageViewRestriction.objects.annotate(candidate_path=candidate_path).filter(
        candidate_path__startswith=F("page__path")
    )


def aliases_over_outer_page():
    """Aliases among the page of the outer query and its ancestors: their originals'
    restrictions apply to them too."""
    candidate_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    return Page.objects.annotate(candidate_path=candidate_path).filter(
        candidate_path__startswith=F("path"), alias_of__isnull=False
    )


def sections_under(root, queryset=None):
    """The sections that are children of ``root``, a site's root page, from ``queryset``
    (all sections by default).

    Found by their content type as well as by the tree: Wagtail's index on content types
    gives the sections at once, where by the tree alone PostgreSQL merged them with the
    pages in id order and walked the whole archive past the last section (1.3 ms at ten
    thousand articles, on every page that lists them).
    """
    SectionPage = model("SectionPage")
    if queryset is None:
        queryset = SectionPage.objects.all()
    return queryset.child_of(root).filter(
        content_type=ContentType.objects.get_for_model(SectionPage)
    )


def byline_queryset():
    ArticleAuthor = model("ArticleAuthor")

    return (
        ArticleAuthor.objects.filter(author__live=True)
        .select_related("author__photo")
        .order_by("sort_order", "pk")
    )


def card_data():
    """What an article card is built from: bylines with their authors, the hero image at
    the sizes of a card and a lead story."""
    return [
        Prefetch("article_authors", queryset=byline_queryset()),
        Prefetch(
            "hero_image",
            queryset=get_image_model().objects.prefetch_renditions(*CARD_SPECS),
        ),
    ]


def with_card_data(queryset):
    """``queryset`` with what a feed entry shows: a card's bylines and images, and tags."""
    return queryset.prefetch_related(*card_data(), "tags")


def articles_for_listing(queryset):
    """Restrict ``queryset`` to what readers may see, each article with its stored card.

    Cards never show the body, the largest column, so it stays in the database.
    """
    return (
        live_and_public(queryset)
        .select_related("card")
        .defer_streamfields()
        .order_by(*NEWEST_FIRST)
    )


def front_page_articles(home, per_section, lead=False, pick=None):
    """The front page's articles in two queries however many sections: its lead story and
    the newest ``per_section`` articles of each live section under ``home``, but the lead.

    With ``lead``, the lead story is the live, public article ``pick``, else the newest.
    Each section's newest are found on their own (with a limit, one more than
    ``per_section`` so that a row loses none to the lead), and the cards of all of them
    and of the pick come in one query: numbering every article of the archive by section
    to keep the first few took PostgreSQL 80 ms at ten thousand articles. Returns
    ``(lead story or None, [(section, [article, ...]), ...])``, the sections in the order
    of the page tree; the articles come as lists of cards do (``listed_articles``).
    """
    sections = list(live_and_public(sections_under(home)).order_by("path"))
    if not sections:
        return None, []
    values = {"pick": pick} if lead and pick else {}
    # One more than a row shows, so that a row loses none to the lead. The sections are
    # part of the query's shape: a site's sections seldom change, and given as values,
    # forty of them, PostgreSQL planned the query anew for each front page (3.4 ms, as
    # long as running it).
    paths = tuple(section.path for section in sections)
    rows = FRONT_PAGE_ARTICLES(per_section + 1, paths, home.depth + 2, **values)
    rows = sorted(rows, key=newest_first, reverse=True)
    articles = listed_articles(row[: len(LISTED)] for row in rows)
    for article, row in zip(articles, rows, strict=True):
        article.path = row[-2]
    story = None
    if lead and articles:
        story = next((article for article in articles if article.pk == pick), articles[0])
    by_parent = {}
    for article in articles:
        if article != story:
            by_parent.setdefault(article.path[: -Page.steplen], []).append(article)
    return story, [(section, by_parent.get(section.path, [])[:per_section]) for section in sections]


def front_page_queryset(count, section_paths, depth, pick=None):
    """``front_page_articles`` as ``LISTED`` columns, each article's path and its first
    publication: the ``count`` newest of each section (at ``section_paths``, with
    articles at ``depth``), and ``pick``, in no order."""
    ArticlePage = model("ArticlePage")

    # The sections are public: an article is unless a restriction is on it, which is
    # quicker to plan, twenty times over, than one on any of its ancestors.
    unrestricted = ~Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
    newest = [
        Page.objects.filter(
            pk__in=Page.objects.filter(
                # Treebeard's child_of, with the path as an expression: the ORM would add
                # the wildcard to a value.
                unrestricted,
                path__startswith=Value(path),
                depth=depth,
                live=True,
            )
            .order_by(*NEWEST_FIRST)
            .values("pk")[:count]
        )
        for path in section_paths
    ]
    if pick is not None:
        newest.append(live_and_public(Page.objects.filter(pk=pick)))
    newest = [part.order_by().values("pk") for part in newest]
    shown = ArticlePage.objects.filter(pk__in=newest[0].union(*newest[1:], all=True))
    return shown.values_list(*LISTED, "path", "first_published_at")


FRONT_PAGE_ARTICLES = CompiledQuery(front_page_queryset)


def newest_first(row):
    """The order of ``front_page_queryset`` rows, newest first (reversed), as ``NEWEST_FIRST``."""
    return row[-1], row[0]


def articles_tagged(tag):
    ArticlePage = model("ArticlePage")

    return articles_for_listing(ArticlePage.objects.filter(tagged_items__tag=tag))


def articles_by_author(author):
    ArticlePage = model("ArticlePage")

    return articles_for_listing(ArticlePage.objects.filter(article_authors__author=author))


def in_given_order(queryset, ids):
    """``queryset`` restricted to ``ids`` and ordered like them, by the database."""
    if not ids:
        return queryset.none()
    position = Case(
        *[When(pk=pk, then=Value(index)) for index, pk in enumerate(ids)],
        output_field=IntegerField(),
    )
    return queryset.filter(pk__in=ids).order_by(position)


def trending_queryset(section=None, now=None, with_views=False):
    """Live, public articles, pinned ones first, then by decayed recent views, then newest.

    Each of the last ``TRENDING_WINDOW_DAYS`` days counts its views times
    ``0.5 ** (age / TRENDING_HALF_LIFE_DAYS)``. The weights are computed here, one per day,
    so the score is one portable query (no date arithmetic in SQL). Articles without
    views sort after scored ones by date, which is the "fill with the latest" rule.
    Excluded articles are left out, even while pinned. ``with_views`` also annotates
    ``recent_views``, the plain sum over the window, for editors.
    """
    ArticlePage = model("ArticlePage")

    now = now or timezone.now()
    today = timezone.localdate(now)
    window = settings.TRENDING_WINDOW_DAYS
    half_life = settings.TRENDING_HALF_LIFE_DAYS
    weight = Case(
        *[
            When(day=today - timedelta(days=age), then=Value(0.5 ** (age / half_life)))
            for age in range(window)
        ],
        default=Value(0.0),
        output_field=FloatField(),
    )
    # Correlated per article (an index range scan each) rather than a join and GROUP BY,
    # which would group by every column of the page.
    window_views = ArticleDailyViews.objects.filter(
        article=OuterRef("pk"), day__gt=today - timedelta(days=window), day__lte=today
    ).values("article")
    score = window_views.annotate(total=Sum(F("views") * weight, output_field=FloatField()))
    articles = ArticlePage.objects.all()
    if section is not None:
        articles = articles.child_of(section)
    if with_views:
        views = window_views.annotate(total=Sum("views")).values("total")
        articles = articles.annotate(recent_views=Coalesce(Subquery(views), Value(0)))
    return (
        live_and_public(articles)
        .filter(exclude_from_trending=False)
        .annotate(
            score=Coalesce(Subquery(score.values("total")), Value(0.0)),
            pinned=Case(
                When(trending_pinned_until__gt=now, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-pinned", "-score", *NEWEST_FIRST)
    )


def trending_key(section, count):
    return f"editorial:trending:{section.pk if section else 'all'}:{count}"


def trending_ids(section=None, count=TRENDING_SET_SIZE):
    """Ids of the trending articles, cached for ``TRENDING_CACHE_SECONDS``."""
    expires_within(settings.TRENDING_CACHE_SECONDS)
    key = trending_key(section, count)
    ids = cache.get(key)
    if ids is None:
        ids = list(trending_queryset(section)[:count].values_list("pk", flat=True))
        cache.set(key, ids, settings.TRENDING_CACHE_SECONDS)
    return ids


def trending_articles(count, section=None, exclude=None):
    """The ``count`` most read articles, but ``exclude`` (an id), with their cards: one
    query, whether the selection is cached (``trending_ids``) or not."""
    ArticlePage = model("ArticlePage")

    expires_within(settings.TRENDING_CACHE_SECONDS)
    wanted = count + bool(exclude)
    key = trending_key(section, wanted)
    ids = cache.get(key)
    if ids is None:
        # Selected with their cards, and the selection kept for the next list.
        articles = list(
            trending_queryset(section).select_related("card").defer_streamfields()[:wanted]
        )
        cache.set(key, [article.pk for article in articles], settings.TRENDING_CACHE_SECONDS)
        return [article for article in articles if article.pk != exclude][:count]
    ids = [pk for pk in ids if pk != exclude][:count]
    return in_given_order(articles_for_listing(ArticlePage.objects.all()), ids)


def latest_articles(count, section=None, exclude=()):
    """The newest live articles, of one section if given, none of those with ids in
    ``exclude``, with their cards; compiled once per process (``compiled``)."""
    values = {"exclude": list(exclude)}
    if section is not None:
        values.update(section_path=section.path, depth=section.depth + 1)
    return listed_articles(LATEST_ARTICLES(count, **values))


def latest_queryset(count, exclude, section_path=None, depth=None):
    """``latest_articles`` as a queryset of ``LISTED`` columns; a section is given by its
    path and its articles' depth."""
    ArticlePage = model("ArticlePage")

    articles = ArticlePage.objects.exclude(pk__in=exclude)
    if section_path is not None:
        # Treebeard's child_of, with the path as an expression: the ORM would add the
        # wildcard to a value.
        articles = articles.filter(path__startswith=Value(section_path), depth=depth)
    return articles_for_listing(articles).values_list(*LISTED)[:count]


LATEST_ARTICLES = CompiledQuery(latest_queryset)


def related_articles(article, count, tag_slugs=None):
    """The editor's picks in their order, then the articles sharing most tags with ``article``.

    Ties between equally tagged articles go to the same section, then to the newest. Only
    live, public articles, never ``article`` itself, each at most once, with their cards:
    two queries compiled once per process (``compiled``), the ids in order and then their
    cards. ``tag_slugs`` are the article's tags when the caller knows them (the fragment
    is given them with the article), else its saved ones.
    """
    related, _newest = related_and_latest(article, count, tag_slugs, latest=False)
    return related


def related_and_latest(article, count, tag_slugs=None, latest=True):
    """``related_articles`` and then (``latest``) the ``count`` newest of the others, as
    under an article: none is listed twice, and both lists take the same two queries."""
    if not article.pk:
        return [], []
    values = {"article": article.pk}
    if tag_slugs is not None:
        values["tag_slugs"] = list(tag_slugs)
    if tag_slugs is None or tag_slugs:
        # Without tags, nothing shares them: the query leaves that part out.
        values["parent_path"] = article.path[: -Page.steplen]
    related, newest = [], []
    for pk, part, *_ranking in RELATED_IDS(count, latest, **values):
        if part == NEWEST:
            newest.append(pk)
        elif pk not in related:
            # A pick sharing tags comes twice, first as a pick.
            related.append(pk)
    related = related[:count]
    newest = [pk for pk in newest if pk not in related][:count]
    shown = listed_in_order(related + newest)
    return [a for a in shown if a.pk in related], [a for a in shown if a.pk not in related]


# The parts of ``related_ids_queryset``, in the order it gives them.
NEWEST, PICK, SHARING = 2, 1, 0


def related_ids_queryset(count, latest, article, parent_path=None, tag_slugs=None):
    """``related_and_latest`` as ids and their ranking, for ``article`` (an id) in the
    section at ``parent_path`` (none when it has no tags): the newest other articles
    (``latest``) first, then picks, then articles sharing tags, best first, enough of each
    that ``count`` remain once repeats between them are dropped.

    The articles sharing tags are counted from the tag rows, grouped, in the one pass that
    finds them: counting each candidate's shared tags apart took PostgreSQL five times as
    long at ten thousand articles.
    """
    ArticlePage = model("ArticlePage")
    ArticleTag = model("ArticleTag")
    ArticleRelatedLink = model("ArticleRelatedLink")

    if tag_slugs is None:
        tags = ArticleTag.objects.filter(content_object=article).values("tag")
    else:
        tags = Tag.objects.filter(slug__in=tag_slugs).values("pk")
    never = Value(None, output_field=IntegerField())
    columns = ("part", "pick_sort", "pick_row", "shared", "same_section", "newest")
    # Picks first, by their order in the form; picks saved outside a form may have no
    # sort order, and come after, by their rows' order.
    picks = (
        live_and_public_through(ArticleRelatedLink.objects.filter(article=article), "target")
        .exclude(target=article)
        .order_by()
        .annotate(
            part=Value(PICK),
            pick_sort=F("sort_order"),
            pick_row=F("pk"),
            shared=Value(0),
            same_section=Value(0),
            newest=F("target__first_published_at"),
        )
        .values_list("target", *columns)
    )
    sharing = (
        live_and_public_through(ArticleTag.objects.filter(tag__in=tags), "content_object")
        .exclude(content_object=article)
        .order_by()
        .values("content_object")
        .annotate(
            part=Value(SHARING),
            pick_sort=never,
            pick_row=never,
            shared=Count("pk"),
            # An expression, not a value: the ORM would add the wildcard to the value.
            same_section=Max(
                Case(
                    When(content_object__path__startswith=Value(parent_path), then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            ),
            newest=Max("content_object__first_published_at"),
        )
        .values_list("content_object", *columns)
    )
    parts = [picks] if parent_path is None else [picks, sharing]
    ranked = parts[0].union(*parts[1:], all=True)
    # Each list may lose up to ``count`` articles to the other.
    limit = count * 2
    if latest:
        newest_ids = articles_for_listing(ArticlePage.objects.exclude(pk=article)).values("pk")
        newest = (
            ArticlePage.objects.filter(pk__in=newest_ids[:limit])
            .order_by()
            .annotate(
                part=Value(NEWEST),
                pick_sort=never,
                pick_row=never,
                shared=Value(0),
                same_section=Value(0),
                newest=F("first_published_at"),
            )
            .values_list("pk", *columns)
        )
        ranked = newest.union(*parts, all=True)
        limit += count * 2
    return ranked.order_by(
        F("part").desc(),
        F("pick_sort").asc(nulls_last=True),
        F("pick_row").asc(nulls_last=True),
        F("shared").desc(),
        F("same_section").desc(),
        F("newest").desc(),
        F("pk" if latest else "target").desc(),
    )[:limit]


RELATED_IDS = CompiledQuery(related_ids_queryset)


# What routing, the navigation and an article's breadcrumbs read of the sections on the
# way to an article, and whether any view restriction or alias could apply to them
# (``PubliclyCachedPage.serving_queryset``).
ON_THE_WAY_COLUMNS = (
    "pk",
    "path",
    "depth",
    "title",
    "slug",
    "url_path",
    "live",
    "content_type_id",
    "locale_id",
    "restricted",
    "under_alias",
)


def sections_on_the_way_queryset(parent_pk, parent_path, parent_depth):
    """The sections under a site's root page (given as a compiled query's shape: a site has
    one root), in tree order, as ``ON_THE_WAY_COLUMNS``."""
    SectionPage = model("SectionPage")
    parent = Page(pk=parent_pk, path=parent_path, depth=parent_depth)
    return (
        sections_under(parent, SectionPage.for_serving())
        .order_by("path")
        .values_list(*ON_THE_WAY_COLUMNS)
    )


SECTIONS_ON_THE_WAY = CompiledQuery(sections_on_the_way_queryset)


def sections_on_the_way(parent):
    """The sections under ``parent``, a site's root page, with what routing through them
    reads (``ON_THE_WAY_COLUMNS``) and the rest deferred: one query compiled once per
    process and site, whose rows become pages without the ORM's queryset (building
    that cost more than PostgreSQL takes to answer)."""
    SectionPage = model("SectionPage")
    attnames = page_attnames(SectionPage, ON_THE_WAY_COLUMNS)
    sections = []
    for row in SECTIONS_ON_THE_WAY(parent.pk, parent.path, parent.depth):
        columns = dict(zip(ON_THE_WAY_COLUMNS, row, strict=True))
        section = page_from_columns(SectionPage, attnames, columns)
        section.restricted, section.under_alias = columns["restricted"], columns["under_alias"]
        sections.append(section)
    return sections


def served_child_queryset(page_model, children_from, children_to, depth, slug):
    """The page of type ``page_model`` at ``slug`` among the children of the page whose
    children's paths run from ``children_from`` to ``children_to`` at ``depth``, as
    ``for_serving`` loads it."""
    return (
        page_model.serving_queryset()
        .filter(path__range=(children_from, children_to), depth=depth, slug=slug)
        .order_by()[:1]
    )


SERVED_CHILD = CompiledModelQuery(served_child_queryset)


def served_child(parent, page_model, slug):
    """The ``page_model`` child of ``parent`` at ``slug``, or None: what routing serves, by a
    query compiled once per process and page type (building the queryset of an article,
    with its card, hero image and stored body, cost Django several times what PostgreSQL
    takes to answer it)."""
    first, last = Page.alphabet[0] * Page.steplen, Page.alphabet[-1] * Page.steplen
    children = SERVED_CHILD(
        page_model,
        children_from=parent.path + first,
        children_to=parent.path + last,
        depth=parent.depth + 1,
        slug=slug,
    )
    return children[0] if children else None


def page_attnames(page_model, names):
    """The fields of ``page_model`` among the columns ``names`` (``pk`` standing for the
    page's id and its link to Wagtail's ``Page``), in the model's field order, as
    ``Model.from_db`` takes them."""
    wanted = {*names, "id", "page_ptr_id"} if "pk" in names else set(names)
    return [f.attname for f in page_model._meta.concrete_fields if f.attname in wanted]


def page_from_columns(page_model, attnames, columns):
    """A ``page_model`` from ``columns`` (by name) as the ORM would load it with only the
    fields ``attnames`` (``page_attnames``): the others are deferred, loaded if ever read."""
    columns["id"] = columns["page_ptr_id"] = columns["pk"]
    return page_model.from_db(DEFAULT_DB_ALIAS, attnames, [columns[name] for name in attnames])


def listed_by_id_queryset(ids):
    """Articles known to be live and public (a page of search results), as ``LISTED``
    columns in no order: their order is the caller's."""
    return model("ArticlePage").objects.filter(pk__in=ids).values_list(*LISTED)


LISTED_BY_ID = CompiledQuery(listed_by_id_queryset)


def listed_in_order(ids):
    """The articles ``ids`` with their cards, in that order (``LISTED_BY_ID``)."""
    by_id = {article.pk: article for article in listed_articles(LISTED_BY_ID(ids=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


# What a list of cards needs of each article: enough to tell whether its stored card
# (``content.cards``) is current, and its title; then the card's own columns.
LISTED_ARTICLE = ("pk", "live_revision_id", "title", "url_path")
LISTED_CARD = ("article_id", "revision_id", "url_path", "html", "lead_html")
LISTED = (*LISTED_ARTICLE, *(f"card__{column}" for column in LISTED_CARD))


@functools.cache
def listed_attnames():
    """The ``LISTED`` columns of the article and of its card, in each model's field order
    (``Model.from_db`` takes them so)."""
    ArticlePage = model("ArticlePage")
    ArticleCard = model("ArticleCard")

    article = page_attnames(ArticlePage, LISTED_ARTICLE)
    card = [f.attname for f in ArticleCard._meta.concrete_fields if f.attname in LISTED_CARD]
    return article, card


def listed_articles(rows):
    """Articles from ``LISTED`` rows, each with its card (or none) as if selected with it;
    their other fields are deferred, loaded if ever read."""
    ArticlePage = model("ArticlePage")
    ArticleCard = model("ArticleCard")

    article_attnames, card_attnames = listed_attnames()
    articles = []
    for row in rows:
        columns = dict(zip(LISTED, row, strict=True))
        article = page_from_columns(ArticlePage, article_attnames, columns)
        card = None
        if columns["card__article_id"] is not None:
            card = ArticleCard.from_db(
                DEFAULT_DB_ALIAS,
                card_attnames,
                [columns[f"card__{name}"] for name in card_attnames],
            )
        ArticlePage.card.related.set_cached_value(article, card)
        articles.append(article)
    return articles


class RankedArticles:
    """Ids of every match in rank order, for a paginator: only the page shown is loaded."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def count(self):
        return len(self.ids)

    def __getitem__(self, window):
        """The articles of ``window``, a slice, with their cards: what a card list needs.

        The ids are of live, public articles already (``ranked_article_ids``), and their
        order is known: checking them again, or ordering them in SQL, cost a search page
        more than loading them."""
        return listed_in_order(self.ids[window])

    def __iter__(self):
        return iter(self[:])


def ranked_article_ids(words):
    """Ids of the live, public articles matching all ``words``, best match first, in one
    query on Wagtail's PostgreSQL index, compiled once per process (``compiled``):
    building it with the ORM took longer than PostgreSQL takes to answer most searches."""
    return [page_id for (page_id,) in RANKED_SEARCH(words=words)]


def ranked_search_queryset(words):
    """The query of ``ranked_article_ids``.

    Wagtail's own query joins every article to the index on a cast that no index serves,
    loads the page restrictions in a query of its own and counts the matches in another.
    This one reads only the index entries that match, through the GIN index on
    ``title || body`` (migration 0010), and checks each one's page by primary key (the
    cost grows with the matches, not with the archive, as a join to every page would).
    It ranks with Wagtail's weights on the title, scaled by its length as Wagtail does,
    plus the standfirst, authors and tags (the ``editorial_summary`` column, migration
    0020), but not the body text: ranking on the whole body read the largest column of
    every match. Matches in the body alone come newest first, by id.
    The reader's words become a query once, in a subquery, not once per match and rank.
    """
    ArticlePage = model("ArticlePage")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")

    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    query = Func(
        SearchQuery(words, search_type="plain", config=config),
        template="(SELECT %(expressions)s)",
        output_field=SearchQueryField(),
    )
    weights = get_sql_weights()
    visible = live_and_public(
        Page.objects.filter(pk=Cast(OuterRef("object_id"), IntegerField())).order_by()
    )
    document = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    summary = RawSQL('"wagtailsearch_indexentry"."editorial_summary"', [], SearchVectorField())
    rank = SearchRank(F("title"), query, weights=weights) * F("title_norm") + SearchRank(
        summary, query, weights=weights
    )
    entries = (
        IndexEntry.objects.filter(
            content_type=Subquery(
                ContentType.objects.filter(
                    app_label=ArticlePage._meta.app_label, model=ArticlePage._meta.model_name
                ).values("pk")
            ),
        )
        .filter(CombinedExpression(document, "@@", query, output_field=BooleanField()))
        .filter(Exists(visible))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .order_by(rank.desc(), F("page_id").desc())
    )
    return entries.values_list("page_id")


RANKED_SEARCH = CompiledQuery(ranked_search_queryset)


def search_articles(query):
    """Live, public articles matching ``query``, best match first, for a paginator.

    On PostgreSQL, ``ranked_article_ids``; elsewhere Wagtail's search backend, with
    Wagtail's own ``public()`` filter (its other backends cannot translate the
    ``NOT EXISTS`` of ``live_and_public``).
    """
    ArticlePage = model("ArticlePage")

    # Only the reader's words reach the backend, never its query syntax: SQLite's FTS5
    # fails on a stray quote, and "&" would be a word that nothing contains.
    words = " ".join(re.findall(r"\w+", query))
    if not words:
        return ArticlePage.objects.none()
    if connection.vendor == "postgresql":
        return RankedArticles(ranked_article_ids(words))
    return ArticlePage.objects.live().public().select_related("card").search(PlainText(words))


def latest_articles_under(root, limit):
    """The newest ``limit`` live articles anywhere under ``root`` (a site root or a section),
    with what a feed entry shows."""
    ArticlePage = model("ArticlePage")

    return with_card_data(articles_for_listing(ArticlePage.objects.descendant_of(root)))[:limit]


def tags_in_use():
    """Tags of live, public articles with the time their newest article was published."""
    ArticlePage = model("ArticlePage")

    return (
        live_and_public(ArticlePage.objects.all())
        .filter(tags__isnull=False)
        .values("tags__slug")
        .annotate(lastmod=Max("last_published_at"))
        .order_by("tags__slug")
    )


def authors_in_use():
    """Live authors of live articles, with the time their newest one was published.

    An author without published articles has an empty page, not worth a search engine's
    visit."""
    Author = model("Author")

    return (
        Author.objects.filter(live=True)
        .annotate(
            lastmod=Max(
                "article_bylines__page__last_published_at",
                filter=Q(article_bylines__page__live=True),
            )
        )
        .filter(lastmod__isnull=False)
        .order_by("slug")
    )


def newest_publication_under(page, request=None):
    """When the newest live, public article below ``page`` was last published, or None.

    A sitemap asks this of every listing page: one query per request answers them all.
    """
    newest = getattr(request, "_newest_publication_by_parent", None)
    if newest is None:
        newest = newest_publication_by_parent()
        if request is not None:
            request._newest_publication_by_parent = newest
    return max(
        (when for parent_path, when in newest.items() if parent_path.startswith(page.path)),
        default=None,
    )


def newest_publication_by_parent():
    """``{parent page's path: newest last_published_at}`` over live, public articles."""
    ArticlePage = model("ArticlePage")

    parent_path = Left("path", Length("path") - Page.steplen)
    rows = (
        live_and_public(ArticlePage.objects.all())
        .annotate(parent_path=parent_path)
        .order_by()
        .values("parent_path")
        .annotate(newest=Max("last_published_at"))
    )
    return {row["parent_path"]: row["newest"] for row in rows if row["newest"]}
