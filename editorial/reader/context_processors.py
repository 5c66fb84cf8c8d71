from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .views import SEARCH_QUERY_MAX_LENGTH, THEME_COLOR

SITE_TAGLINE = _("independent writing on careers, networking and the workplace.")


def site(request):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_tagline": SITE_TAGLINE,
        "search_max_length": SEARCH_QUERY_MAX_LENGTH,
        "theme_color": THEME_COLOR,
    }
