"""Reader statistics: one row of views per article and day, and nothing about the reader."""

from datetime import timedelta

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleDailyViews(models.Model):
    """How many readers opened an article on one day.

    Readers are counted through :meth:`record`, an atomic upsert, so concurrent beacons
    never lose a count; nothing about the reader is kept.
    """

    article = models.ForeignKey(
        "editorial.ArticlePage", on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("article views per day")
        verbose_name_plural = _("article views per day")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="unique_views_per_article_day")
        ]
        # Trending reads the last days of every article: a range scan on ``day``.
        indexes = [models.Index(fields=["day"], name="article_views_day_idx")]

    def __str__(self):
        return f"{self.article_id} on {self.day}: {self.views}"

    @classmethod
    def record(cls, article_id, day):
        """Add one view in a single statement; PostgreSQL and SQLite both have ON CONFLICT."""
        quote = connection.ops.quote_name
        table = quote(cls._meta.db_table)
        views = quote("views")
        sql = (
            f"INSERT INTO {table} ({quote('article_id')}, {quote('day')}, {views}) "  # noqa: S608
            f"VALUES (%s, %s, 1) "
            f"ON CONFLICT ({quote('article_id')}, {quote('day')}) "
            f"DO UPDATE SET {views} = {table}.{views} + 1"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [article_id, day])

    @classmethod
    def history(cls, article, days):
        """``[(day, views), ...]`` for the last ``days`` days up to today, oldest first."""
        today = timezone.localdate()
        first_day = today - timedelta(days=days - 1)
        counted = {}
        if article.pk:
            counted = dict(
                cls.objects.filter(article=article, day__gte=first_day).values_list("day", "views")
            )
        return [
            (day, counted.get(day, 0))
            for day in (first_day + timedelta(days=offset) for offset in range(days))
        ]
