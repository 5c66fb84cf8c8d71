"""The trending set as last computed (see ``content.trending``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrendingSelection(models.Model):
    """The one row holding the trending set and when it was ranked.

    The cache holds the set for readers; this row is where a reader finds it when the
    cache is empty (after a restart or a flush), so that no reader's request ranks the
    whole archive, and where a refresh finds the set it replaces, so that only the badges
    that changed are invalidated.
    """

    article_ids = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("trending selection")

    def __str__(self):
        return f"{len(self.article_ids)} articles at {self.computed_at:%Y-%m-%d %H:%M:%S}"
