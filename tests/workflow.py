"""Shared set-up for the calendar, assignment and review-claim tests."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from wagtail.models import Page, Workflow

from .factories import ArticleFactory, newsroom


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


def make_cast(section):
    """Everyone in the newsroom, and an article written by ``author`` that is scheduled."""
    cast = newsroom()
    author = cast["author"]
    article = ArticleFactory(parent=section, title="Planned piece", writer=author, live=False)
    schedule(article, at(timezone.localdate() + timedelta(days=3)))
    return {**cast, "section": section, "article": reload(article)}
