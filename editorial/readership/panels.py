"""An article's readership in its edit view: views per day."""

from wagtail.admin.panels import Panel

from .models import ArticleDailyViews

# Days of history an editor sees on the article.
HISTORY_DAYS = 30


class DailyViewsPanel(Panel):
    """Read-only views per day of the article being edited; nothing to submit."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editorial/readership/daily_views.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            history = ArticleDailyViews.history(self.instance, HISTORY_DAYS)
            peak = max((views for _day, views in history), default=0)
            context["history"] = [
                (day, views, round(100 * views / peak) if peak else 0) for day, views in history
            ]
            context["total"] = sum(views for _day, views in history)
            context["days"] = HISTORY_DAYS
            return context
