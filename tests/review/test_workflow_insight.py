"""Workflow insight: time in review per task, section and editor, time from submission
to publication, and articles stuck in review, from known timings."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

import pytest
import time_machine

from editorial.review.insight import human_duration, review_insight, stuck_in_review

from .. import workflow
from ..factories import ROLES, ArticleFactory, SectionFactory, UserFactory, sign_in, user_in

pytestmark = pytest.mark.django_db

URL = reverse("editorial_workflow_insight")
SUBMITTED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = 3600


def submit(section, writer, title, at):
    with time_machine.travel(at, tick=False):
        article = ArticleFactory(
            ready=True,
            parent=section,
            title=title,
            writer=writer,
            tags=["careers"],
            live=False,
        )
        workflow.submit(article, writer)
    return article


def act(article, editor, action, at):
    with time_machine.travel(at, tick=False):
        task_state = article.current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, editor, action)


@pytest.fixture
def team(db):
    return {
        "writer": UserFactory(role="author", first_name="Wren"),
        "ana": UserFactory(role="editor", first_name="Ana", last_name="Lee"),
        "ben": UserFactory(role="editor", first_name="Ben", last_name="Ode"),
    }


@pytest.fixture
def reviews(home, section, team):
    """Networking: approved by Ana after 2 h, rejected by Ben after 10 h. Careers:
    approved by Ana after 6 h. A review finished long before the period is left out."""
    careers = SectionFactory(parent=home, title="Careers")
    writer, ana, ben = team["writer"], team["ana"], team["ben"]
    quick = submit(section, writer, "Quick", SUBMITTED)
    act(quick, ana, "approve", SUBMITTED + timedelta(hours=2))
    slow = submit(section, writer, "Slow", SUBMITTED)
    act(slow, ben, "reject", SUBMITTED + timedelta(hours=10))
    steady = submit(careers, writer, "Steady", SUBMITTED)
    act(steady, ana, "approve", SUBMITTED + timedelta(hours=6))
    old = submit(careers, writer, "Old", SUBMITTED - timedelta(days=90))
    act(old, ana, "approve", SUBMITTED - timedelta(days=90) + timedelta(hours=100))
    return {"quick": quick, "slow": slow, "steady": steady}


def table(rows):
    return {row.label: (row.count, row.median / HOUR, row.slowest / HOUR) for row in rows}


def test_medians_and_slowest_per_task_section_and_editor(reviews):
    day = SUBMITTED.date()
    insight = review_insight(day - timedelta(days=7), day)
    assert table(insight["by_task"]) == {"Editor approval": (3, 6, 10)}
    assert table(insight["by_section"]) == {"Networking": (2, 6, 10), "Careers": (1, 6, 6)}
    assert table(insight["by_editor"]) == {"Ana Lee": (2, 4, 6), "Ben Ode": (1, 10, 10)}
    # Only approvals publish: the rejected review is no publication.
    assert table(insight["to_publication"]) == {"Networking": (1, 2, 2), "Careers": (1, 6, 6)}
    assert not insight["truncated"]


def test_the_period_selects_reviews_finished_in_it(reviews):
    long_ago = (SUBMITTED - timedelta(days=90)).date()
    insight = review_insight(long_ago, long_ago + timedelta(days=10))
    assert table(insight["by_task"]) == {"Editor approval": (1, 100, 100)}
    nothing = review_insight(
        SUBMITTED.date() + timedelta(days=1), SUBMITTED.date() + timedelta(days=2)
    )
    assert nothing["by_task"] == [] and nothing["to_publication"] == []


def test_a_period_with_more_reviews_than_the_report_reads_says_so(reviews, monkeypatch):
    monkeypatch.setattr("editorial.review.insight.MAX_ROWS", 2)
    day = SUBMITTED.date()
    insight = review_insight(day - timedelta(days=7), day)
    assert insight["truncated"]
    assert sum(row.count for row in insight["by_task"]) == 2


def test_articles_waiting_longer_than_the_threshold_are_stuck(section, team, settings):
    now = datetime.now(tz=UTC)
    waiting = submit(section, team["writer"], "Waiting", now - timedelta(hours=50))
    submit(section, team["writer"], "Fresh", now - timedelta(hours=1))
    answered = submit(section, team["writer"], "Answered", now - timedelta(hours=80))
    act(answered, team["ben"], "reject", now - timedelta(hours=70))
    stuck = stuck_in_review()
    assert [item.page.pk for item in stuck] == [waiting.pk]
    assert stuck[0].section == "Networking"
    assert stuck[0].task == "Editor approval"
    assert stuck[0].waiting_text.startswith("2 d 2 h")
    settings.EDITORIAL_STUCK_REVIEW_HOURS = 72
    assert stuck_in_review() == []


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_and_admins_see_the_report(client, role):
    sign_in(client, user_in(role))
    response = client.get(URL)
    if role == "anonymous":
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    elif role in ("editor", "admin"):
        assert response.status_code == 200
        assert b"Workflow insight" in response.content
    else:
        assert response.status_code == 403


def test_the_report_shows_the_chosen_period_and_the_stuck_list(
    client, reviews, team, section, django_assert_max_num_queries
):
    waiting = submit(section, team["writer"], "Waiting", datetime.now(tz=UTC) - timedelta(days=3))
    client.force_login(team["ana"])
    day = SUBMITTED.date()
    with django_assert_max_num_queries(25):
        response = client.get(URL, {"start": str(day - timedelta(days=7)), "end": str(day)})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-insight-row="Ben Ode"' in html
    assert '<td data-seconds="21600">6 h 0 min</td>' in html
    assert f'data-stuck-page="{waiting.pk}"' in html
    assert f'data-stuck-page="{reviews["slow"].pk}"' not in html


@pytest.mark.parametrize(
    "query",
    [
        {"start": "yesterday", "end": "2026-03-02"},
        {"start": "2026-03-05", "end": "2026-03-01"},
        {"start": "2020-01-01", "end": "2026-03-01"},
    ],
)
def test_a_bad_period_is_a_form_error(client, query):
    client.force_login(UserFactory(role="editor"))
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response.context["form"].errors


def test_reports_menu_offers_insight_to_editors_only(client):
    client.force_login(UserFactory(role="editor"))
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(UserFactory(role="author"))
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_durations_read_like_a_person_would_say_them():
    assert [human_duration(s) for s in (59, 3 * HOUR + 720, 50 * HOUR)] == [
        "1 min",
        "3 h 12 min",
        "2 d 2 h",
    ]
