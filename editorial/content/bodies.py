"""Article bodies rendered once per published revision and stored (``ArticleBody``).

Every reader of one revision sees the same body: rendering its blocks again for each of
them (the snippets they insert, the links and images in them) cost an uncached article
a query and more time than anything else on the page. Publishing an article has the task
worker render and store its body (``content.tasks``); a reader who meets none, or one out
of date, renders it and stores it.

A stored body is out of date when it was rendered

- from another revision;
- by other code, templates or settings (``renderer``): a deployment renders every body
  again, each when first read;
- before a change to something it shows: every page-cache invalidation drops, in the
  transaction of the change, the bodies that recorded one of the names it invalidates
  (``pagecache.versions.dependencies_changed``): an alternative, an image, a page it
  links to;
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
from django.utils import timezone
from django.utils.safestring import mark_safe

import wagtail

import editorial
from editorial.pagecache.recording import depends_on, recording

from .models.bodies import ArticleBody, ArticleBodyDependency
from .queries import model

logger = logging.getLogger(__name__)

BODY_LIFETIME = timedelta(hours=1)
# What a body's rendering reads of the site's configuration besides its code: where its
# links, images and included fragments point, and the key that signs those fragments.
RENDERING_SETTINGS = ("BASE_URL", "MEDIA_URL", "STATIC_URL", "SECRET_KEY", "STORAGES")


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


class FirstImage:
    """What a body's blocks may know of the request they render for: whether the page's
    first image in view is taken (``blocks.first_image_in_view``). The body is rendered
    once for all readers, so nothing else of one reader's request may shape it."""

    def __init__(self, taken):
        self.image_in_view = taken


def render_body(article):
    """The body of ``article`` as HTML, what it showed (a page-cache recording) and
    whether it took the page's first image in view (a page has none above the body but
    its hero image)."""
    first_image = FirstImage(taken=bool(article.hero_image_id))
    context = {"page": article, "request": first_image}
    with recording() as shown:
        html = "".join(block.render_as_block(context=context) for block in article.body)
    takes_first_image = first_image.image_in_view and not article.hero_image_id
    return mark_safe(html), shown, takes_first_image  # noqa: S308 (rendered by our blocks)


def store_body(article, html, shown, takes_first_image):
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


def body_for_reader(article, request):
    """The body of the article being served: stored, or rendered (and stored when it is
    the live version). It records what it shows, as its rendering would, and takes the
    first image in view if its rendering did. Previews render the draft they show."""
    preview = getattr(request, "is_preview", False)
    body = None if preview or not article.pk else stored_body(article)
    if body is not None and current(body, article):
        html, shows = mark_safe(body.html), body.shows  # noqa: S308 (rendered by our blocks)
        takes_first_image = body.takes_first_image
    else:
        html, shown, takes_first_image = render_body(article)
        shows = shown.dependencies
        if not preview and article.pk:
            store_body(article, html, shown, takes_first_image)
    depends_on(*shows)
    if takes_first_image and request is not None:
        request.image_in_view = True
    return html


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
        store_body(article, *render_body(article))


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
