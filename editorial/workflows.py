"""The editorial review: the pre-publication checklist, the four-eyes rule and the task
that enforces both inside Wagtail's workflow.

Wagtail's group approval does the moderation (locking, comments, notifications); this
module only adds what a newsroom needs on top, so every path that approves or publishes
asks the same two questions: is the article ready, and is somebody else signing it off?
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property

from wagtail.admin.panels import Panel
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Page, PagePermissionTester

MIN_BODY_WORDS = 150
FOUR_EYES_OVERRIDE = "editorial.four_eyes_override"
GROUP_AUTHORS = "Authors"
GROUP_EDITORS = "Editors"


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    passed: bool
    missing: str = ""


def checklist(obj):
    """What an article must have before publication; other content has no checklist.

    ``obj`` is the version under review (the latest revision), not the live page.
    """
    from editorial.models import ArticlePage

    if not isinstance(obj, ArticlePage):
        return []
    words = len(obj.body_text().split())
    return [
        ChecklistItem(
            "At least one author",
            bool(obj.article_authors.all()),
            "Add at least one author to the byline.",
        ),
        ChecklistItem("At least one tag", bool(obj.tags.all()), "Add at least one tag."),
        ChecklistItem(
            "Hero image with alt text",
            bool(obj.hero_image_id and obj.hero_alt_text.strip()),
            "Choose a hero image and describe it in its alt text."
            if obj.hero_image_id
            else "Choose a hero image (with alt text).",
        ),
        ChecklistItem(
            "Search description",
            bool(obj.search_description.strip()),
            "Write a search description (Promote tab).",
        ),
        ChecklistItem(
            f"Body of at least {MIN_BODY_WORDS} words",
            words >= MIN_BODY_WORDS,
            f"The body has {words} words; write at least {MIN_BODY_WORDS}.",
        ),
    ]


def missing_items(obj):
    return [item.missing for item in checklist(obj) if not item.passed]


def byline_user_ids(page):
    """Accounts credited on the live and the latest draft byline of ``page``."""
    from editorial.models import ArticleAuthor, Author

    author_ids = {byline.author_id for byline in page.article_authors.all()}
    author_ids.update(
        ArticleAuthor.objects.filter(page_id=page.pk).values_list("author_id", flat=True)
    )
    return set(
        Author.objects.filter(pk__in=author_ids, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )


def is_own(user, obj, workflow_state=None):
    """Whether ``user`` wrote ``obj``: owner or byline author of an article, or the person
    who asked for review of a snippet. The four-eyes rule forbids them to sign it off."""
    from editorial.models import ArticlePage

    if isinstance(obj, Page):
        if obj.owner_id == user.pk:
            return True
        return isinstance(obj, ArticlePage) and user.pk in byline_user_ids(obj)
    return workflow_state is not None and workflow_state.requested_by_id == user.pk


def latest_version(obj):
    """The version a reviewer signs off: the newest revision, as the edit view shows it."""
    if isinstance(obj, Page):
        obj = obj.specific_deferred
    return obj.get_latest_revision_as_object() if obj.pk else obj


def approval_refusal(obj, user, workflow_state=None):
    """Why ``user`` may not approve ``obj`` now, or ``""`` when they may."""
    target = latest_version(obj)
    if is_own(user, target, workflow_state) and not user.is_superuser:
        return "You wrote this, so another editor must review it (four-eyes rule)."
    missing = missing_items(target)
    if missing:
        return "Approval refused until the checklist passes: " + " ".join(missing)
    return ""


def log_override(obj, user, action):
    """Record an administrator signing off their own work, so the audit log shows it."""
    log(instance=obj, action=FOUR_EYES_OVERRIDE, user=user, data={"action": action})


class EditorialReviewTask(AbstractGroupApprovalTask):
    """Group approval that also refuses approval by the writer and while the checklist fails."""

    class Meta:
        verbose_name = "Editorial review task"
        verbose_name_plural = "Editorial review tasks"

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve, after the pre-publication checklist "
            "passes, and never their own work."
        )

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions:
            return actions
        state = obj.current_workflow_state if obj.pk else None
        target = latest_version(obj)
        if is_own(user, target, state) and not user.is_superuser:
            return []
        if missing_items(target):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            workflow_state = task_state.workflow_state
            obj = workflow_state.content_object
            refusal = approval_refusal(obj, user, workflow_state)
            if refusal:
                raise PermissionDenied(refusal)
            if user.is_superuser and is_own(user, latest_version(obj), workflow_state):
                log_override(latest_version(obj), user, "approve")
        return super().on_action(task_state, user, action_name, **kwargs)


class ArticlePermissionTester(PagePermissionTester):
    """Page permissions with the four-eyes rule: editors never publish their own article."""

    @cached_property
    def writes_it(self):
        return self.user.is_authenticated and is_own(self.user, self.page)

    def can_publish(self):
        if not super().can_publish():
            return False
        return self.user.is_superuser or not self.writes_it


class ChecklistPanel(Panel):
    """Shows the checklist on the article being edited, so nobody learns of a gap at approval."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editorial/admin/checklist_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.items = checklist(self.instance)
            self.missing = [item for item in self.items if not item.passed]
