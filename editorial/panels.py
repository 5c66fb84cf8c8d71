"""Admin panels about readership: the dashboard's "Trending now" and an article's daily views."""

from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component

# Days of history an editor sees on the article.
HISTORY_DAYS = 30
DASHBOARD_ARTICLES = 10


class DailyViewsPanel(Panel):
    """Read-only views per day of the article being edited; nothing to submit."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editorial/panels/daily_views.html"

        def get_context_data(self, parent_context=None):
            from editorial.models import ArticleDailyViews

            context = super().get_context_data(parent_context)
            history = ArticleDailyViews.history(self.instance, HISTORY_DAYS)
            peak = max((views for _day, views in history), default=0)
            context["history"] = [
                (day, views, round(100 * views / peak) if peak else 0) for day, views in history
            ]
            context["total"] = sum(views for _day, views in history)
            context["days"] = HISTORY_DAYS
            return context


class TrendingNowPanel(Component):
    """The articles readers see as trending right now, with their recent views."""

    name = "trending_now"
    template_name = "editorial/panels/trending_now.html"
    order = 150

    def get_context_data(self, parent_context):
        from django.conf import settings

        from editorial.queries import trending_queryset

        context = super().get_context_data(parent_context)
        context["articles"] = trending_queryset(with_views=True)[:DASHBOARD_ARTICLES]
        context["window_days"] = settings.TRENDING_WINDOW_DAYS
        return context
