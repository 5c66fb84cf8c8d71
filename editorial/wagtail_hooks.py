from wagtail import hooks
from wagtail.snippets.models import register_snippet

from editorial.panels import TrendingNowPanel
from editorial.viewsets import EditorialViewSetGroup

register_snippet(EditorialViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_trending_now_panel(request, panels):
    panels.append(TrendingNowPanel())
