"""Factories for the content model; pages are added to the tree and published like editors do."""

import io
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import factory
from factory.django import DjangoModelFactory
from PIL import Image as PILImage

from editorial.content.checklist import MIN_BODY_WORDS
from editorial.models import (
    Alternative,
    ArticleAuthor,
    ArticleDailyViews,
    ArticlePage,
    ArticleRelatedLink,
    Author,
    SectionPage,
)

# The block structure the seed article must import to, in every path that loads it.
SEED_BLOCK_KINDS = [
    "paragraph",
    "heading",
    "paragraph",
    "heading",
    "paragraph",
    "key_points",
    "heading",
    "alternatives",
    "heading",
    "paragraph",
    "paragraph",
]


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}


def figure(image, alt_text="A chart"):
    """An image block showing ``image``, as the editor stores it."""
    value = {"image": {"image": image.pk, "decorative": False, "alt_text": alt_text}, "caption": ""}
    return {"type": "image", "value": value, "id": str(uuid.uuid4())}


def page_link(page, text):
    """A paragraph linking to ``page`` the way the rich text editor stores a link."""
    return paragraph(f'<a linktype="page" id="{page.pk}">{text}</a>')


def list_items(values):
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def alternatives_block(alternatives, intro=""):
    return {
        "type": "alternatives",
        "value": {
            "heading": "",
            "intro": intro,
            "alternatives": list_items(alt.pk for alt in alternatives),
        },
        "id": str(uuid.uuid4()),
    }


def long_text(words=MIN_BODY_WORDS):
    """Enough words for the pre-publication checklist's minimum body length."""
    return " ".join(f"word{n}" for n in range(words))


class UserFactory(DjangoModelFactory):
    """``role`` is "author", "editor" or "admin"; an author gets a linked ``Author`` profile.

    Roles come from the groups the data migration creates; ``groups=[...]`` adds others.
    Every password is "pw".
    """

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    first_name = factory.LazyAttribute(lambda o: o.username.title())

    class Meta:
        model = get_user_model()

    @classmethod
    def _create(cls, model_class, *args, role=None, groups=(), **kwargs):
        is_admin = role == "admin"
        kwargs.setdefault("is_superuser", is_admin)
        kwargs.setdefault("is_staff", is_admin)
        user = model_class(*args, **kwargs)
        user.set_password("pw")
        user.save()
        if role in ("author", "editor"):
            user.groups.add(Group.objects.get(name=f"{role.title()}s"))
        user.groups.add(*groups)
        if role == "author":
            AuthorFactory(name=f"{user.first_name} Writer", user=user)
        return user


# The rows of every permission matrix: "author" wrote the article under test,
# "other_author" did not.
ROLES = ["anonymous", "author", "other_author", "editor", "admin"]


def user_in(role):
    """A new user for one of ``ROLES``; None for "anonymous"."""
    if role == "anonymous":
        return None
    return UserFactory(role="author" if role == "other_author" else role)


def newsroom():
    """One user for each of ``ROLES``, keyed by role."""
    return {role: user_in(role) for role in ROLES}


def sign_in(client, user):
    """Sign ``user`` in to the test client; None stays anonymous."""
    if user is not None:
        client.force_login(user)


class ImageFactory(DjangoModelFactory):
    """A small generated PNG: enough for renditions, previews and alt text."""

    title = factory.Sequence(lambda n: f"Image {n}")
    description = "A plain test picture"

    class Meta:
        model = get_image_model()

    @factory.lazy_attribute
    def file(self):
        buffer = io.BytesIO()
        PILImage.new("RGB", (32, 18), "#1f5f8b").save(buffer, format="PNG")
        return ImageFile(buffer, name=f"{slugify(self.title)}.png")


class AuthorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role = "Staff writer"
    bio = "Writes about work."

    class Meta:
        model = Author


class AlternativeFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Alternative {n}")
    summary = "<p>Do the useful thing instead.</p>"

    class Meta:
        model = Alternative


class PageFactory(factory.Factory):
    """Adds the page under ``parent`` and, unless ``live=False``, publishes a revision."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, parent, live=True, **kwargs):
        return cls.add_to_tree(model_class(live=False, **kwargs), parent, live)

    @staticmethod
    def add_to_tree(page, parent, live):
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
        return page


class SectionFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))

    class Meta:
        model = SectionPage


class ArticleFactory(PageFactory):
    """``authors``, ``tags`` and ``related`` are lists; bylines and picks keep their order.

    ``writer``, a user with an author profile, owns the article and leads its byline.
    """

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    standfirst = "A short summary of the article."
    body = factory.LazyFunction(lambda: [paragraph("Some words about work.")])
    first_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ArticlePage

    class Params:
        ready = factory.Trait(
            hero_image=factory.SubFactory(ImageFactory),
            hero_alt="A desk by a window",
            search_description="What the article tells the reader.",
            body=factory.LazyFunction(lambda: [paragraph(long_text())]),
        )

    @classmethod
    def _create(
        cls, model_class, parent, writer=None, authors=(), tags=(), related=(), live=True, **kwargs
    ):
        if writer is not None:
            kwargs["owner"] = writer
            authors = [writer.author_profile, *authors]
        page = model_class(live=False, **kwargs)
        page.article_authors = [ArticleAuthor(author=author) for author in authors]
        page.related_links = [ArticleRelatedLink(target=target) for target in related]
        page.tags.add(*tags)
        return cls.add_to_tree(page, parent, live)


def article_edit_form(page, **overrides):
    """POST data for the admin edit view of ``page``, as its latest revision stands.

    Pass extra fields (``"action-submit": "1"``, ``title=...``) as ``overrides``.
    """
    draft = page.get_latest_revision_as_object()
    bylines = list(draft.article_authors.all())
    body = [(block.block_type, block.block.get_form_state(block.value)) for block in draft.body]
    data = {
        "title": draft.title,
        "slug": draft.slug,
        "standfirst": draft.standfirst,
        "article_authors": inline_formset(
            [{"id": b.pk or "", "author": b.author_id} for b in bylines],
            initial=sum(1 for b in bylines if b.pk),
        ),
        "tags": ", ".join(tag.name for tag in draft.tags.all()),
        "related_links": inline_formset([]),
        "body": streamfield(body),
        "hero_image": draft.hero_image_id or "",
        "hero_alt": draft.hero_alt,
        "hero_caption": draft.hero_caption,
        "search_description": draft.search_description,
        "seo_title": draft.seo_title,
    }
    data.update(overrides)
    return nested_form_data(data)


def post_article_edit(client, page, **overrides):
    """POST ``article_edit_form`` to the admin edit view of ``page``."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client.post(edit_url, article_edit_form(page, **overrides))


def add_views(article, views, days_ago=0):
    """Store ``views`` for ``article`` on the day ``days_ago`` before today."""
    return ArticleDailyViews.objects.create(
        article=article, day=timezone.localdate() - timedelta(days=days_ago), views=views
    )


def make_due(revision):
    """Move the go-live time of a scheduled ``revision`` into the past, rather than wait.

    ``publish_scheduled`` picks revisions by their approval time and publishes by the
    go-live date in their content, so both move.
    """
    past = timezone.now() - timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


def restrict(page):
    """Make ``page`` and everything below it private, as "Privacy" in the admin does."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
