from django import template

from wagtail.models import Site

from editorial import page_cache
from editorial.models import SectionPage
from editorial.queries import live_and_public

register = template.Library()


@register.inclusion_tag("includes/section_nav.html", takes_context=True)
def section_nav(context):
    """Sections under the current site's root, for the header on every page."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    sections = (
        live_and_public(SectionPage.objects.child_of(site.root_page)).order_by("path")
        if site
        else SectionPage.objects.none()
    )
    page_cache.depends_on("nav")
    current_path = getattr(context.get("page"), "path", "")
    return {"sections": [(section, current_path.startswith(section.path)) for section in sections]}


@register.filter
def minutes(duration):
    """Whole minutes of a timedelta, for messages such as the sign-in lockout."""
    return int(duration.total_seconds() // 60)
