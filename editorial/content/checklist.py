"""The pre-publication checklist: what an article must have before readers see it.

The rules belong to the article; the review task (``review.models``) refuses approval
while they fail, and the edit form shows them as they stand.
"""

from dataclasses import dataclass

from django.urls import reverse

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


def unsaved_instance(form):
    """The object as ``form`` holds it now, built in memory and never saved.

    What the form does not hold stays as the form's instance had it. A field or a byline
    row in error keeps its stored value, so that the rest (a word typed, a tag added) still
    counts while another field is incomplete.
    """
    form.is_valid()
    form.save_cluster_m2m()
    for formset in form.formsets.values():
        if formset.is_valid():
            formset.instance = form.instance
            formset.save(commit=False)
    return form.instance


def form_checklist(form):
    """The checklist of what an edit form holds, saved or not: the editor's live panel."""
    return checklist(unsaved_instance(form))


class ChecklistPanel(Panel):
    """Shows the checklist on the article being edited, so nobody learns of a gap at approval."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editorial/content/checklist_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.items = checklist(self.instance)
            self.missing = [item for item in self.items if not item.passed]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["items"], context["missing"] = self.items, self.missing
            context["update_url"] = self.update_url()
            return context

        def update_url(self):
            """Where the editor's script posts the form to follow the checklist as it is typed."""
            if self.instance.pk:
                return reverse("editorial_live_checklist", args=[self.instance.pk])
            parent = getattr(self.form, "parent_page", None)
            if parent is None:
                return ""
            return reverse("editorial_live_checklist_new", args=[parent.pk])
