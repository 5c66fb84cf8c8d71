"""Snippets: content kept once and shown in many places."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase

from ..addresses import address
from ..blocks import SHORT_TEXT_FEATURES
from ..forms import EditorialModelForm
from ..slugs import slug_for
from ..usage import SnippetImpactPanel
from .fields import optional_image, optional_link


class SnippetRevisionMixin(RevisionMixin):
    """``RevisionMixin`` with the relation Wagtail advises for snippets.

    Wagtail finds a snippet's revisions by content type and id, so deleting the snippet
    would leave them behind; through this relation they go with it, and a revision query
    can follow ``author`` or ``alternative`` (the model's name) to its snippet.
    """

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


class Author(
    DraftStateMixin,
    LockableMixin,
    SnippetRevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A person who writes for the publication; bylines point here, not at user accounts.

    Contributors without an admin account can still be credited, and a user can be
    linked so the editor pre-fills their own profile on new articles.
    """

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("The author's address on the site; made from the name when left empty."),
    )
    role = models.CharField(max_length=120, blank=True, help_text=_("E.g. 'Senior Editor'"))
    bio = models.TextField(blank=True, max_length=2000)
    photo = optional_image()
    user = optional_link(
        settings.AUTH_USER_MODEL,
        field=models.OneToOneField,
        related_name="author_profile",
        help_text=_("The admin account of this author, if they have one."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    base_form_class = EditorialModelForm
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.name, "author")
        super().save(*args, **kwargs)

    def get_url(self):
        """The author's page, or "" for an author without a slug: a byline still shows."""
        return address("editorial:author", slug=self.slug) if self.slug else ""

    def get_preview_template(self, request, mode_name):
        return "editorial/author_preview.html"


class AlternativeTag(TaggedItemBase):
    # A ParentalKey, as ClusterTaggableManager needs: with a plain ForeignKey saving the
    # tags from the admin form fails.
    content_object = ParentalKey(
        "editorial.Alternative", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Alternative(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    SnippetRevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A short reusable recommendation ("Engage actively: ...") inserted into many articles.

    Readers only ever see the published version: the row holds what was last published,
    drafts live in revisions, as with pages.
    """

    title = models.CharField(max_length=120)
    summary = RichTextField(features=SHORT_TEXT_FEATURES, max_length=2000)
    link_url = models.URLField(blank=True, help_text=_("Optional link to read more"))
    link_text = models.CharField(max_length=80, blank=True)
    tags = ClusterTaggableManager(through=AlternativeTag, blank=True)

    panels = [
        SnippetImpactPanel(heading=_("Where readers see it")),
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("link_url"), FieldPanel("link_text")], heading=_("Link")),
        FieldPanel("tags"),
    ]
    base_form_class = EditorialModelForm
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_preview_template(self, request, mode_name):
        return "editorial/alternative_preview.html"
