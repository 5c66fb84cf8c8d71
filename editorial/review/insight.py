"""Workflow insight: how long articles spend in each review stage, and which are stuck.

Durations come from Wagtail's own workflow records: a task state's ``started_at`` to
``finished_at`` is time in review for that task; a workflow's ``created_at`` (the
submission) to its last task's ``finished_at`` (the approval, which publishes or
schedules) is time from submission to publication. Medians are taken in Python over a
bounded set of rows, so the report runs the same on SQLite and PostgreSQL.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import Page, TaskState, WorkflowState

DEFAULT_PERIOD_DAYS = 30
MAX_PERIOD_DAYS = 366
# Enough for a year of a busy newsroom; beyond it the report says it is incomplete.
MAX_ROWS = 20_000
MAX_STUCK = 200
FINISHED_TASK_STATUSES = [TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED]


def human_duration(seconds):
    minutes = round(seconds / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return gettext("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    return gettext("%(minutes)d min") % {"minutes": minutes}


@dataclass(frozen=True)
class Summary:
    label: str
    count: int
    median: float
    slowest: float

    @property
    def median_text(self):
        return human_duration(self.median)

    @property
    def slowest_text(self):
        return human_duration(self.slowest)


def summarise(groups):
    """``{label: [seconds, ...]}`` to summaries, slowest median first."""
    summaries = [
        Summary(label, len(values), statistics.median(values), max(values))
        for label, values in groups.items()
        if values
    ]
    return sorted(summaries, key=lambda s: (-s.median, s.label))


def period_bounds(start, end):
    """Aware datetimes from the start of ``start`` to the end of ``end``, local time."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def page_sections(page_ids):
    """``{page id: section title}``; a section is the page's parent. Two queries."""
    paths = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "path"))
    parent_paths = {path[: -Page.steplen] for path in paths.values()}
    titles = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    return {pk: titles.get(path[: -Page.steplen], "—") for pk, path in paths.items()}


def user_names(user_ids):
    users = get_user_model().objects.filter(pk__in=user_ids)
    return {user.pk: user.get_full_name() or user.get_username() for user in users}


def review_insight(start, end):
    """Medians and slowest times in review (per task, section and editor) and from
    submission to publication (per section), for work finished in the period."""
    since, until = period_bounds(start, end)
    page_type = ContentType.objects.get_for_model(Page)
    tasks = list(
        TaskState.objects.filter(
            workflow_state__base_content_type=page_type,
            status__in=FINISHED_TASK_STATUSES,
            finished_at__gte=since,
            finished_at__lt=until,
        )
        .order_by("finished_at")
        .values_list(
            "task__name", "started_at", "finished_at", "finished_by", "workflow_state__object_id"
        )[: MAX_ROWS + 1]
    )
    workflows = list(
        WorkflowState.objects.filter(
            base_content_type=page_type, status=WorkflowState.STATUS_APPROVED
        )
        .annotate(approved_at=Max("task_states__finished_at"))
        .filter(approved_at__gte=since, approved_at__lt=until)
        .order_by("approved_at")
        .values_list("created_at", "approved_at", "object_id")[: MAX_ROWS + 1]
    )
    truncated = len(tasks) > MAX_ROWS or len(workflows) > MAX_ROWS
    tasks, workflows = tasks[:MAX_ROWS], workflows[:MAX_ROWS]
    sections = page_sections({int(row[4]) for row in tasks} | {int(row[2]) for row in workflows})
    editors = user_names({row[3] for row in tasks if row[3]})

    by_task, by_section, by_editor = defaultdict(list), defaultdict(list), defaultdict(list)
    for task_name, started, finished, editor_id, page_id in tasks:
        seconds = (finished - started).total_seconds()
        by_task[task_name].append(seconds)
        by_section[sections.get(int(page_id), "—")].append(seconds)
        by_editor[editors.get(editor_id, "—")].append(seconds)
    to_publication = defaultdict(list)
    for submitted, approved, page_id in workflows:
        to_publication[sections.get(int(page_id), "—")].append(
            (approved - submitted).total_seconds()
        )
    return {
        "by_task": summarise(by_task),
        "by_section": summarise(by_section),
        "by_editor": summarise(by_editor),
        "to_publication": summarise(to_publication),
        "truncated": truncated,
    }


@dataclass(frozen=True)
class StuckItem:
    page: Page
    section: str
    task: str
    waiting_since: datetime
    submitted_by: str

    @property
    def waiting_text(self):
        return human_duration((timezone.now() - self.waiting_since).total_seconds())


def stuck_in_review(hours=None):
    """Articles whose current review task started more than ``hours`` ago, longest first."""
    hours = settings.EDITORIAL_STUCK_REVIEW_HOURS if hours is None else hours
    page_type = ContentType.objects.get_for_model(Page)
    states = list(
        WorkflowState.objects.filter(
            base_content_type=page_type,
            status=WorkflowState.STATUS_IN_PROGRESS,
            current_task_state__status=TaskState.STATUS_IN_PROGRESS,
            current_task_state__started_at__lt=timezone.now() - timedelta(hours=hours),
        )
        .select_related("current_task_state__task", "requested_by")
        .order_by("current_task_state__started_at")[:MAX_STUCK]
    )
    ids = {int(state.object_id) for state in states}
    pages = Page.objects.filter(pk__in=ids).in_bulk()
    sections = page_sections(ids)
    return [
        StuckItem(
            page=pages[int(state.object_id)],
            section=sections.get(int(state.object_id), "—"),
            task=state.current_task_state.task.name,
            waiting_since=state.current_task_state.started_at,
            submitted_by=(
                state.requested_by.get_full_name() or state.requested_by.get_username()
                if state.requested_by
                else "—"
            ),
        )
        for state in states
        if int(state.object_id) in pages
    ]
