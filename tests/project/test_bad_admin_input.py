"""Malformed POSTs to every admin form the project adds or customises get a form error or
a clear 4xx, never a server error: a StreamField without its count field or with a bad
one, rich text that is not JSON, and junk in every field."""

import json
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from editorial.content.models import Alternative
from editorial.corrections.models import ArticleCorrection
from editorial.planning.models import Assignment

from ..admin_forms import add_article_url, article_form
from ..factories import AlternativeFactory, ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db

JUNK = ["\x00", "{", "99999999999999999999"]
# Block values inside the body are covered by the count and rich text variants.
NESTED = ("body-",)


def is_rich_text(value):
    """Whether a posted value is Draftail's JSON content state."""
    try:
        state = json.loads(value)
    except (TypeError, ValueError):
        return False
    return isinstance(state, dict) and "blocks" in state


def malformed(data):
    """Variants of a valid form: each count field dropped or wrong, rich text not JSON,
    and every field in turn set to each junk value."""
    counts = [key for key in data if key.endswith("-count")]
    yield "no count fields", {k: v for k, v in data.items() if k not in counts}
    for key in counts:
        for value in ["abc", "99999", ""]:
            yield f"{key}={value}", {**data, key: value}
    rich = [key for key, value in data.items() if is_rich_text(value)]
    for key in rich:
        for value in ["not json", "{", "[]", '{"blocks": 1}', '{"blocks": [{"text": 1}]}']:
            yield f"{key}={value}", {**data, key: value}
    for key in data:
        if key.startswith(NESTED):
            continue
        for value in JUNK:
            yield f"{key}={value[:10]!r}", {**data, key: value}


@pytest.fixture
def admin(db):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role="admin"))
    return client


def post_each(client, url, data, method="post", files=dict):
    """Send each malformed variant of ``data``, with fresh uploads from ``files()``."""
    failures = []
    for description, variant in malformed(data):
        response = getattr(client, method)(url, {**variant, **files()})
        if response.status_code >= 500:
            failures.append(f"{url} {description}: {response.status_code}")
    assert not failures


# Each view an article form is posted to, from the section and the existing article: one
# test each, so that test processes share them out.
ARTICLE_FORM_VIEWS = {
    "add": lambda section, article: add_article_url(section),
    "edit": lambda section, article: reverse("wagtailadmin_pages:edit", args=[article.pk]),
    "preview": lambda section, article: reverse(
        "wagtailadmin_pages:preview_on_edit", args=[article.pk]
    ),
    "checklist": lambda section, article: reverse("editorial_live_checklist", args=[article.pk]),
    "checklist-new": lambda section, article: reverse(
        "editorial_live_checklist_new", args=[section.pk]
    ),
}


@pytest.mark.parametrize("view", ARTICLE_FORM_VIEWS)
def test_article_form(admin, section, view):
    author = AuthorFactory()
    alternative = AlternativeFactory()
    article = ArticleFactory(parent=section, title="Existing")
    data = article_form([author], [alternative])

    post_each(admin, ARTICLE_FORM_VIEWS[view](section, article), data)


def test_snippets(admin):
    author = AuthorFactory()
    alternative = AlternativeFactory()
    author_form = {"name": "Ada", "slug": "ada", "role": "", "bio": "", "photo": "", "user": ""}
    alternative_form = {
        "title": "Shadowing",
        "summary": json.dumps(
            {"blocks": [{"key": "a", "text": "Follow.", "type": "unstyled"}], "entityMap": {}}
        ),
        "url": "",
        "tags": "",
    }

    post_each(admin, reverse("wagtailsnippets_editorial_author:add"), author_form)
    post_each(
        admin, reverse("wagtailsnippets_editorial_author:edit", args=[author.pk]), author_form
    )
    post_each(admin, reverse("wagtailsnippets_editorial_alternative:add"), alternative_form)
    post_each(
        admin,
        reverse("wagtailsnippets_editorial_alternative:edit", args=[alternative.pk]),
        alternative_form,
    )

    # Rich text that is not JSON is refused as missing, not saved as empty.
    assert not Alternative.objects.filter(summary="").exists()


def test_corrections_and_assignments(admin, section):
    article = ArticleFactory(parent=section)
    correction = {
        "page": article.pk,
        "kind": "correction",
        "note": "A figure was wrong.",
        "published_at": "2020-01-01 10:00",
    }
    assignment = {
        "working_title": "How to ask for a raise",
        "page": "",
        "section": section.pk,
        "assignees": "",
        "due_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "status": "open",
        "notes": "",
    }

    post_each(admin, reverse("wagtailsnippets_editorial_articlecorrection:add"), correction)
    post_each(admin, reverse("assignments:add"), assignment)

    assert ArticleCorrection.objects.filter(note="A figure was wrong.").count() <= 1
    assert Assignment.objects.filter(working_title="How to ask for a raise").count() <= 1


def test_bylines_claiming_rows_not_sent_are_refused_and_nothing_is_saved(admin, section):
    author = AuthorFactory()
    article = ArticleFactory(parent=section, title="Existing", authors=[author])
    data = article_form([author], [AlternativeFactory()])
    data["title"] = "Changed"

    for claimed in ["5", "99999999999999999999"]:
        response = admin.post(
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
            {**data, "article_authors-INITIAL_FORMS": claimed},
        )

        assert response.status_code == 200
        assert "Part of this form was not sent" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Existing" and not article.has_unpublished_changes


def test_importers_calendar_and_previews(admin, cast, section):
    author = AuthorFactory()
    article = cast["article"]
    importer = {"section": section.pk, "authors": author.pk, "tags": "work, plans"}
    wordpress = {
        "media_dir": "",
        "sections": "flatten",
        "default_section": "news",
        "link_users": "on",
        "publish": "",
        "force": "",
        "dry_run": "on",
    }
    filters = {"view": "week", "date": "2026-03-02", "section": section.pk, "author": author.pk}
    day = (article.scheduled_revision.approved_go_live_at + timedelta(days=2)).date()

    post_each(
        admin,
        reverse("editorial_import"),
        importer,
        files=lambda: {
            "files": SimpleUploadedFile("plan.txt", b"A plan\n\nFirst paragraph.", "text/plain")
        },
    )
    post_each(admin, reverse("editorial_import_wordpress"), wordpress)
    post_each(admin, reverse("editorial_calendar"), filters, method="get")
    post_each(
        admin,
        reverse("editorial_calendar_reschedule", args=[article.pk]),
        {"date": day.isoformat(), "time": "09:30"},
    )
    post_each(
        admin,
        reverse("editorial_shareable_previews", args=[article.pk]),
        {"hours": "72", "note": "Legal review"},
    )
