"""Article cards stored once per published revision (see ``content.cards``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from .snippets import Author


class ArticleCard(models.Model):
    """An article's card as every list shows it, and the larger version a lead story shows,
    rendered when the article is published.

    Lists join it to the articles they select, so a list of any length costs one query
    instead of five (pages, bylines, tags, images, renditions); the article's own page
    takes its byline and tags from it too. ``revision`` and ``url_path`` say which
    version and address it was built from: whoever finds either out of date builds the
    card again (a list) or asks the database (the article's page).
    """

    article = models.OneToOneField(
        "editorial.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="card"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    url_path = models.TextField()
    html = models.TextField()
    lead_html = models.TextField(
        blank=True, help_text=_("The article as the lead story of the front page or a section.")
    )
    byline = models.JSONField(
        default=list, help_text=_("The authors readers see, in byline order: id, name, slug.")
    )
    tags = models.JSONField(default=list, help_text=_("The article's tags: name, slug."))

    class Meta:
        verbose_name = _("article card")

    def __str__(self):
        return self.url_path

    def shows(self, article):
        """Whether this card shows ``article``'s live revision at its present address."""
        return self.revision_id == article.live_revision_id and self.url_path == article.url_path

    def authors(self):
        """The byline's authors, enough of each for a name and a link."""
        return [
            Author(pk=author["id"], name=author["name"], slug=author["slug"])
            for author in self.byline
        ]

    def tag_list(self):
        return [Tag(name=tag["name"], slug=tag["slug"]) for tag in self.tags]
