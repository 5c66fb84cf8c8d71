"""Article cards stored once per published revision (see ``content.cards``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleCard(models.Model):
    """An article's card as every list shows it, rendered when the article is published.

    Lists join it to the articles they select, so a list of any length costs one query
    instead of five (pages, bylines, tags, images, renditions). ``revision`` and
    ``url_path`` say which version and address it was built from: a list that finds
    either out of date builds the card again before showing it.
    """

    article = models.OneToOneField(
        "editorial.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="card"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    url_path = models.TextField()
    html = models.TextField()
    author_ids = models.JSONField(
        default=list, help_text=_("The authors the card's byline shows, in byline order.")
    )

    class Meta:
        verbose_name = _("article card")

    def __str__(self):
        return self.url_path
