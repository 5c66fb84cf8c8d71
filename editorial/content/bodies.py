"""Article bodies, and the parts of their pages around them, rendered once per published
revision and stored (``ArticleBody``).

Every reader of one revision sees the same body: rendering its blocks again for each of
them (the snippets they insert, the links and images in them) cost an uncached article
a query and more time than anything else on the page. The same holds for what surrounds
it (``PARTS``): the title and byline, the hero image, the corrections and topics, and
the head's social and structured data, which cost an uncached article more template time
than the rest of its page. Publishing an article has the task worker render and store
them (``content.tasks``); a reader who meets none, or one out of date, renders them and
stores them.

What is stored is out of date when it was rendered

- from another revision;
- by other code, templates or settings (``renderer``): a deployment renders every body
  again, each when first read;
- before a change to something it shows: every page-cache invalidation drops, in the
  transaction of the change, the bodies that recorded one of the names it invalidates
  (``pagecache.versions.dependencies_changed``): an alternative, an image, a page it
  links to, and the article's own page and its section's, which a change to its byline,
  tags, hero image, corrections or address invalidates;
- more than ``BODY_LIFETIME`` ago: a reader who read a snippet before the change was
  committed can store a body after it was dropped, and the lifetime bounds that, as
  ``PAGE_CACHE_SECONDS`` bounds it for cached pages.
"""

import hashlib
import logging
from datetime import timedelta
from pathlib import Path

import django
from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

import wagtail
from wagtail.images import get_image_model

import editorial
from editorial.pagecache.recording import depends_on, recording

from . import renditions
from .dependencies import PAGE
from .models.bodies import ArticleBody, ArticleBodyDependency
from .queries import model

logger = logging.getLogger(__name__)

BODY_LIFETIME = timedelta(hours=1)
# What a body's rendering reads of the site's configuration besides its code: where its
# links, images and included fragments point, the key that signs those fragments, the
# site's name and the language and time zone its words and dates are written in.
RENDERING_SETTINGS = (
    "BASE_URL",
    "MEDIA_URL",
    "STATIC_URL",
    "SECRET_KEY",
    "STORAGES",
    "WAGTAIL_SITE_NAME",
    "LANGUAGE_CODE",
    "TIME_ZONE",
)
# The parts of an article's page around its body that every reader sees alike.
PARTS = {
    "head": "includes/article_meta.html",
    "header": "includes/article_header.html",
    "hero": "includes/article_hero.html",
    "footer": "includes/article_footer.html",
}


def code_digest():
    """A digest of the code and templates that render bodies: ours, Wagtail's, Django's."""
    digest = hashlib.sha256(f"{django.__version__} {wagtail.__version__}".encode())
    roots = [Path(editorial.__file__).parent]
    roots += [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".html"):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


CODE = code_digest()
RENDERERS = {}


def renderer():
    """Which code and settings render bodies now, as a digest."""
    rendering = tuple(repr(getattr(settings, name, None)) for name in RENDERING_SETTINGS)
    if rendering not in RENDERERS:
        RENDERERS[rendering] = hashlib.sha256(repr((CODE, rendering)).encode()).hexdigest()
    return RENDERERS[rendering]


class Rendering:
    """What a stored rendering may know of the request it is made for: the article's own
    address (for its canonical link) and whether the page's first image in view is taken
    (``blocks.first_image_in_view``). It is rendered once for all readers, so nothing
    else of one reader's request may shape it."""

    def __init__(self, path, image_in_view):
        self.path = path
        self.image_in_view = image_in_view


class Around:
    """What the parts around an article's body show besides the article's own fields
    (``ArticlePage.around_body``)."""

    def __init__(self, section, authors, tags):
        self.section, self.authors, self.tags = section, authors, tags


def render_body(article, around, request=None):
    """The body of ``article`` as HTML, the parts around it (``PARTS``) with what they show
    (``around``), what all of it showed (a page-cache recording), and whether it took the
    page's first image in view (a page has none above the body but its hero image).

    ``request`` is a preview's, which may shape what it shows; readers' pages are
    rendered for every reader alike."""
    prefetch_hero_renditions(article)
    first_image = Rendering(path=None, image_in_view=bool(article.hero_image_id))
    context = {"page": article, "request": first_image}
    with recording() as shown:
        html = "".join(block.render_as_block(context=context) for block in article.body)
        depends_on(PAGE(article.pk), PAGE(around.section.pk))
        corrections = article.corrections_in_order()
        if request is None:
            request = Rendering(path=article.get_url(), image_in_view=True)
        parts_context = {
            "page": article,
            "section": around.section,
            "authors": around.authors,
            "tags": around.tags,
            "corrections": corrections,
            "modified_at": article.modified_at(corrections),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "request": request,
        }
        parts = {name: render_to_string(path, parts_context) for name, path in PARTS.items()}
    html = mark_safe(html)  # noqa: S308 (rendered by our blocks)
    return html, parts, shown, first_image.image_in_view


def prefetch_hero_renditions(article):
    """The hero image's renditions that the parts show (its ``<picture>``, the social
    card's and the structured data's sizes) in one query, not one each. Only rendering
    needs them: a reader served stored parts reads none."""
    image = article.hero_image
    if image is None or hasattr(image, "prefetched_renditions"):
        return
    rendition_model = get_image_model().get_rendition_model()
    prefetch_related_objects(
        [image],
        Prefetch(
            "renditions",
            queryset=rendition_model.objects.filter(filter_spec__in=renditions.PAGE_SPECS),
            to_attr="prefetched_renditions",
        ),
    )


def store_body(article, html, parts, shown, takes_first_image):
    """Keep what ``render_body`` gave for the live revision of ``article``; a body that
    expires with time (``expires_within``) is not kept."""
    if shown.max_age is not None or not article.live or article.live_revision_id is None:
        return
    with transaction.atomic():
        ArticleBody.objects.bulk_create(
            [
                ArticleBody(
                    article_id=article.pk,
                    revision_id=article.live_revision_id,
                    renderer=renderer(),
                    html=html,
                    parts=parts,
                    shows=sorted(shown.dependencies),
                    takes_first_image=takes_first_image,
                    rendered_at=timezone.now(),
                )
            ],
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=[
                "revision",
                "renderer",
                "html",
                "parts",
                "shows",
                "takes_first_image",
                "rendered_at",
            ],
        )
        ArticleBodyDependency.objects.filter(body_id=article.pk).delete()
        ArticleBodyDependency.objects.bulk_create(
            [ArticleBodyDependency(body_id=article.pk, name=name) for name in shown.dependencies],
            ignore_conflicts=True,
        )


def current(body, article):
    """Whether ``body`` is what ``article``'s live revision renders to now."""
    return (
        body.revision_id == article.live_revision_id
        and body.renderer == renderer()
        and body.rendered_at > timezone.now() - BODY_LIFETIME
    )


def body_for_reader(article, request, around):
    """The body of the article being served and the parts around it (``PARTS``, by name):
    stored, or rendered (and stored when it is the live version), the parts showing what
    ``around()`` gives. It records what they show, as their rendering would, and takes
    the first image in view if their rendering did. Previews render the draft they show."""
    preview = getattr(request, "is_preview", False)
    body = None if preview or not article.pk else stored_body(article)
    if body is not None and current(body, article):
        html, shows = mark_safe(body.html), body.shows  # noqa: S308 (rendered by our blocks)
        parts, takes_first_image = body.parts, body.takes_first_image
    else:
        html, parts, shown, takes_first_image = render_body(
            article, around(), request if preview else None
        )
        shows = shown.dependencies
        if not preview and article.pk:
            store_body(article, html, parts, shown, takes_first_image)
    depends_on(*shows)
    if takes_first_image and request is not None:
        request.image_in_view = True
    return html, {name: mark_safe(part) for name, part in parts.items()}  # noqa: S308


def stored_body(article):
    """The stored body of ``article``: loaded with it when it was served
    (``ArticlePage.serving_queryset``), or else asked for."""
    if type(article).stored_body.is_cached(article):
        return getattr(article, "stored_body", None)
    return ArticleBody.objects.filter(article_id=article.pk).first()


def build_body(article_id):
    """Render and store the body of ``article_id`` as published (the task worker's part)."""
    article = model("ArticlePage").objects.filter(pk=article_id, live=True).first()
    if article is not None:
        store_body(article, *render_body(article, article.around_body()))


def forget_bodies_showing(names):
    """Drop the stored bodies that showed any of the page-cache dependencies ``names``."""
    showing = ArticleBodyDependency.objects.filter(name__in=names).values("body_id")
    _, dropped = ArticleBody.objects.filter(pk__in=showing).delete()
    if dropped.get(ArticleBody._meta.label):
        logger.info(
            "stored article bodies: dropped %d that showed %s",
            dropped[ArticleBody._meta.label],
            ", ".join(sorted(names)),
        )
