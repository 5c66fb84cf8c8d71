"""Articles through the newsroom's steps, as people take them: scheduled, submitted for
review, and acted on in the admin."""

import json
from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Workflow

from .factories import article_edit_form, post_article_edit


def at(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def schedule(article, go_live_at, user=None):
    """Approve ``article`` to go live at ``go_live_at``, as the edit view's "Publish" does."""
    article.go_live_at = go_live_at
    revision = article.save_revision(user=user)
    revision.publish(user=user)
    return revision


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def submit(article, user):
    Workflow.objects.get(name="Editorial review").start(article, user)
    return reload(article)


def submit_through_admin(client, user, article, **overrides):
    """``user`` submits ``article`` for review from the admin's edit view."""
    client.force_login(user)
    response = post_article_edit(client, article, **{"action-submit": "1"}, **overrides)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.workflow_in_progress
    return article


def approve_in_editor(client, article, follow=False, **overrides):
    """What the editor's "Approve" menu item posts: the edit form of ``article`` (with
    ``overrides``) plus the workflow action."""
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        article_edit_form(
            article,
            **{
                "action-workflow-action": "1",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps({"comment": ""}),
            },
            **overrides,
        ),
        follow=follow,
    )


def workflow_action(client, article, action, comment=""):
    """Post a reviewer's ``action`` ("approve" or "reject") on the task ``article`` is in."""
    task_state = article.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[article.pk, action, task_state.pk]),
        {"comment": comment},
    )
