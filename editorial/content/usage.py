"""What publishing a change to an ``Alternative`` affects: the live and the scheduled
articles whose readers will see it.

Wagtail's reference index records what each page *row* refers to, which for a live page
is its live version; a draft's references live only in its revisions, and so do those
of a version scheduled to go live. So live articles come from the index (each checked
against its live body), scheduled ones from their scheduled revisions, and drafts that
nobody reads are not counted.
"""

import json
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from wagtail.admin.panels import Panel
from wagtail.models import Page, ReferenceIndex, Revision


def alternative_ids_in(stream):
    """Ids of the alternatives an article body shows, from its raw stream data."""
    if isinstance(stream, str):
        stream = json.loads(stream or "[]")
    ids = set()
    for block in stream or []:
        if block.get("type") != "alternatives":
            continue
        for item in (block.get("value") or {}).get("alternatives") or []:
            ids.add(item.get("value") if isinstance(item, dict) else item)
    return ids


@dataclass
class Impact:
    live: list = field(default_factory=list)
    scheduled: list = field(default_factory=list)


def alternative_impact(alternative):
    """Articles showing ``alternative`` now, and articles scheduled to show it; four queries."""
    # By label: the snippet models show this module's panel.
    ArticlePage = apps.get_model("editorial", "ArticlePage")
    page_type = ContentType.objects.get_for_model(Page)
    referring = ReferenceIndex.get_references_to(alternative).filter(base_content_type=page_type)
    candidate_ids = {int(pk) for pk in referring.values_list("object_id", flat=True)}
    live = [
        page
        for page in ArticlePage.objects.live().filter(pk__in=candidate_ids).order_by("title")
        if alternative.pk in alternative_ids_in(page.body.raw_data)
    ]

    scheduled_ids = {
        int(revision.object_id)
        for revision in Revision.objects.filter(
            base_content_type=page_type,
            content_type=ContentType.objects.get_for_model(ArticlePage),
            approved_go_live_at__isnull=False,
        ).only("object_id", "content")
        if alternative.pk in alternative_ids_in(revision.content.get("body"))
    }
    scheduled = list(ArticlePage.objects.filter(pk__in=scheduled_ids).order_by("title"))
    return Impact(live=live, scheduled=scheduled)


class SnippetImpactPanel(Panel):
    """At the top of an alternative's edit form: who will see the change once published."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editorial/content/snippet_impact_panel.html"

        def is_shown(self):
            return bool(self.instance.pk) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["impact"] = alternative_impact(self.instance)
            return context
