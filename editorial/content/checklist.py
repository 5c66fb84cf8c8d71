"""The pre-publication checklist: what an article must have before readers see it.

The rules belong to the article; the review task (``review.models``) refuses approval
while they fail, and the edit form shows them as they stand.
"""

from dataclasses import dataclass

from wagtail.admin.panels import Panel

MIN_BODY_WORDS = 150


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    passed: bool
    missing: str = ""


def checklist(obj):
    """What ``obj`` must have before publication; content without a ``checklist()`` (the
    snippets) has no checklist.

    ``obj`` is the version under review (the latest revision), not the live page.
    """
    items = getattr(obj, "checklist", None)
    return items() if items else []


def missing_items(obj):
    return [item.missing for item in checklist(obj) if not item.passed]


class ChecklistPanel(Panel):
    """Shows the checklist on the article being edited, so nobody learns of a gap at approval."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editorial/content/checklist_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.items = checklist(self.instance)
            self.missing = [item for item in self.items if not item.passed]
