"""Article bodies and the parts of the page around them, stored as HTML once per published
revision (see ``content.bodies``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleBody(models.Model):
    """The HTML of an article's body as readers see it, and of the parts of its page
    around the body (``bodies.PARTS``), rendered when it is published.

    The article's page is loaded with it (``ArticlePage.serving_queryset``), so its blocks,
    the snippets they insert and the links in its text cost no query and no rendering.
    ``revision`` and ``renderer`` say which version and which code and templates rendered
    it; ``shows`` the page-cache dependencies the rendering recorded, which a page serving
    it records in turn, and by which a change drops it (``ArticleBodyDependency``).
    """

    article = models.OneToOneField(
        "editorial.ArticlePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_body",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    renderer = models.CharField(max_length=64)
    html = models.TextField()
    # A default in the database too, for the processes of the previous release that store
    # bodies between the migration and their restart.
    parts = models.JSONField(
        default=dict,
        db_default={},
        help_text=_("The HTML of the parts of the page around the body, by name."),
    )
    shows = models.JSONField(default=list)
    takes_first_image = models.BooleanField(
        default=False,
        help_text=_("Whether the hero image or the body shows the page's first image in view."),
    )
    rendered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("stored article body")

    def __str__(self):
        return f"body of article {self.article_id}"


class ArticleBodyDependency(models.Model):
    """One page-cache dependency of a stored body: a change to it drops the body."""

    body = models.ForeignKey(ArticleBody, on_delete=models.CASCADE, related_name="dependencies")
    name = models.CharField(max_length=255, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="unique_body_dependency")
        ]

    def __str__(self):
        return self.name
