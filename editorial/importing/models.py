"""Where imported content came from, so that importing the same export again updates it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model_string


class WordPressOrigin(models.Model):
    """One WordPress post or attachment, by its id on its site, and what it became here."""

    POST = "post"
    ATTACHMENT = "attachment"

    site_url = models.CharField(max_length=255, help_text=_("The WordPress site's base URL."))
    wp_id = models.PositiveBigIntegerField(_("WordPress id"))
    kind = models.CharField(
        max_length=20, choices=[(POST, _("post")), (ATTACHMENT, _("attachment"))]
    )
    page = models.ForeignKey(
        "editorial.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="wordpress_origins",
    )
    image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="wordpress_origins",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site_url", "kind", "wp_id"], name="unique_wordpress_origin"
            )
        ]
        indexes = [models.Index(fields=["kind", "wp_id"], name="wordpress_origin_by_id")]

    def __str__(self):
        return f"{self.site_url} {self.kind} {self.wp_id}"
