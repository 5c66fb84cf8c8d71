"""Corrections and updates: dated notes on a live article, kept outside its revisions.

A note is not content under review: an editor adds it to the live article at once,
without a new revision or a republish, and readers see it at the article's end.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PageChooserPanel

from editorial.content.forms import EditorialModelForm
from editorial.content.models import ArticlePage
from editorial.content.queries import live_and_public
from editorial.roles import CreatedBy


class ArticleCorrectionQuerySet(models.QuerySet):
    def public(self):
        """Notes of live articles outside view restrictions: what readers may see."""
        return self.filter(
            page__in=live_and_public(ArticlePage.objects.all()).values("pk"),
            published_at__lte=timezone.now(),
        )


class ArticleCorrection(CreatedBy):
    CORRECTION = "correction"
    UPDATE = "update"
    KIND_CHOICES = [(CORRECTION, _("Correction")), (UPDATE, _("Update"))]

    page = models.ForeignKey(
        "editorial.ArticlePage",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("article"),
    )
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=CORRECTION)
    note = models.TextField(max_length=1000, help_text=_("What changed, in plain words."))
    published_at = models.DateTimeField(
        _("date"), default=timezone.now, help_text=_("When the article was corrected or updated.")
    )

    objects = ArticleCorrectionQuerySet.as_manager()

    panels = [
        PageChooserPanel("page", page_type="editorial.ArticlePage"),
        FieldPanel("kind"),
        FieldPanel("note"),
        FieldPanel("published_at"),
    ]
    base_form_class = EditorialModelForm

    class Meta:
        ordering = ["published_at", "pk"]
        indexes = [models.Index(fields=["published_at"], name="correction_published_idx")]

    def __str__(self):
        return gettext("%(kind)s to “%(title)s”, %(date)s") % {
            "kind": self.get_kind_display(),
            "title": self.page.title,
            "date": f"{self.published_at:%d %b %Y}",
        }

    def clean(self):
        if self.page_id and not self.page.live:
            raise ValidationError(
                {"page": gettext("Corrections and updates go on published articles.")}
            )
        if self.published_at and self.published_at > timezone.now():
            raise ValidationError({"published_at": gettext("The date cannot be in the future.")})
