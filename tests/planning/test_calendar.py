"""The editorial calendar: who sees it, what it shows, and rescheduling from it."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, Revision

import pytest
import time_machine

from editorial.models import ArticleAuthor, Assignment
from editorial.planning.scheduling import RESCHEDULE_ACTION

from ..factories import ROLES, ArticleFactory, AuthorFactory, SectionFactory, UserFactory, sign_in
from ..workflow import at, reload, schedule, submit

pytestmark = pytest.mark.django_db


def calendar_url(day, view="month", **filters):
    query = "&".join(f"{k}={v}" for k, v in {"view": view, "date": day, **filters}.items())
    return f"{reverse('editorial_calendar')}?{query}"


def reschedule_url(page):
    return reverse("editorial_calendar_reschedule", args=[page.pk])


def entries(response):
    """(kind, title) of every entry the calendar shows, in order."""
    return [
        (event.kind, event.title)
        for week in response.context["weeks"]
        for day in week
        for event in day["events"]
    ]


@pytest.mark.parametrize("who, status", list(zip(ROLES, [302, 403, 403, 200, 200], strict=True)))
def test_calendar_is_for_editors(client, cast, who, status):
    sign_in(client, cast[who])

    response = client.get(reverse("editorial_calendar"))

    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    if status == 200:
        assert "Planned piece" in response.content.decode()


def test_menu_shows_the_calendar_to_editors_only(client, cast):
    client.force_login(cast["editor"])
    assert (
        reverse("editorial_calendar") in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    client.force_login(cast["author"])
    assert (
        reverse("editorial_calendar")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_calendar_shows_each_state_on_its_day(client, section):
    writer, editor = UserFactory(role="author"), UserFactory(role="editor")
    profile = writer.author_profile
    today = timezone.localdate()
    day = today.replace(day=15)
    planned = Assignment.objects.create(working_title="Idea with a deadline", due_date=day)
    planned.assignees.add(profile)
    draft = ArticleFactory(parent=section, title="Drafted piece", authors=[profile], live=False)
    linked = Assignment.objects.create(working_title="x", page=draft, due_date=day)
    linked.assignees.add(profile)
    Assignment.objects.create(working_title="Finished", due_date=day, status="done")
    with time_machine.travel(at(day, 9), tick=False):
        submit(ArticleFactory(parent=section, title="Under review", live=False), writer)
    scheduled = ArticleFactory(parent=section, title="Goes out later", live=False)
    schedule(scheduled, at(day + timedelta(days=1) if day >= today else today + timedelta(1)))
    ArticleFactory(parent=section, title="Out now", first_published_at=at(day, 8))
    expiring = ArticleFactory(parent=section, title="Short-lived", expire_at=at(day, 18))
    ArticleFactory(
        parent=section, title="Last year", first_published_at=at(day.replace(year=day.year - 1))
    )
    client.force_login(editor)

    response = client.get(calendar_url(day))

    shown = entries(response)
    assert ("due", "Idea with a deadline") in shown
    assert ("due", "Drafted piece") in shown
    assert ("review", "Under review") in shown
    assert ("scheduled", "Goes out later") in shown
    assert ("published", "Out now") in shown
    assert ("expiring", expiring.title) in shown
    assert ("due", "Finished") not in shown
    assert all(title != "Last year" for _, title in shown)
    days = {
        event.title: day_cell["date"]
        for week in response.context["weeks"]
        for day_cell in week
        for event in day_cell["events"]
    }
    assert days["Idea with a deadline"] == day
    assert days["Under review"] == day
    assert days["Out now"] == day


def test_week_view_shows_seven_days_around_the_date(client, cast):
    client.force_login(cast["editor"])
    day = cast["article"].go_live_at.date()

    response = client.get(calendar_url(day, view="week"))

    (week,) = response.context["weeks"]
    assert len(week) == 7 and week[0]["date"].weekday() == 0
    assert week[0]["date"] <= day <= week[-1]["date"]
    assert ("scheduled", "Planned piece") in entries(response)
    later = client.get(calendar_url(day + timedelta(days=7), view="week"))
    assert ("scheduled", "Planned piece") not in entries(later)


def test_filters_by_section_and_author(client, home, section):
    careers = SectionFactory(parent=home, title="Careers")
    one, two = AuthorFactory(name="One"), AuthorFactory(name="Two")
    day = timezone.localdate()
    ArticleFactory(
        parent=section, title="Networking by one", authors=[one], first_published_at=at(day)
    )
    ArticleFactory(
        parent=careers, title="Careers by two", authors=[two], first_published_at=at(day)
    )
    planned = Assignment.objects.create(working_title="Careers plan", section=careers, due_date=day)
    planned.assignees.add(two)
    client.force_login(UserFactory(role="editor"))

    titles = {title for _, title in entries(client.get(calendar_url(day, section=careers.pk)))}
    assert titles == {"Careers by two", "Careers plan"}
    titles = {title for _, title in entries(client.get(calendar_url(day, author=one.pk)))}
    assert titles == {"Networking by one"}


@pytest.mark.parametrize(
    "query",
    ["date=2026-02-30", "date=yesterday", "view=year", "section=999999", "author=abc", "date=%00"],
)
def test_bad_filters_are_a_400_with_the_form_error(client, cast, query):
    client.force_login(cast["editor"])

    response = client.get(f"{reverse('editorial_calendar')}?{query}")

    assert response.status_code == 400


def test_calendar_queries_do_not_grow_with_the_number_of_articles(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast["admin"])
    day = cast["article"].go_live_at.date()
    url = calendar_url(day)
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for n in range(6):
        ArticleFactory(parent=cast["section"], title=f"More {n}", first_published_at=at(day))
        Assignment.objects.create(working_title=f"Plan {n}", due_date=day)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(entries(response)) == 13


def test_calendar_queries_stay_bounded_for_an_editor_with_many_scheduled_articles(
    client, cast, django_assert_max_num_queries
):
    """An editor who is no administrator: each article's reschedule button asks the
    four-eyes rule who wrote it, which must not cost queries per article."""
    editor = cast["editor"]
    assert not editor.is_superuser
    day = cast["article"].go_live_at.date()
    url = calendar_url(day)
    client.force_login(editor)
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    writers = [UserFactory(role="author") for _ in range(3)]
    for n in range(24):
        article = ArticleFactory(
            parent=cast["section"], title=f"Planned {n}", writer=writers[n % 3], live=False
        )
        schedule(article, at(day, 8 + n % 10))

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert [kind for kind, _title in entries(response)].count("scheduled") == 25
    assert response.content.decode().count('draggable="true"') == 25


# Rescheduling


@pytest.mark.parametrize(
    "who, allowed", list(zip(ROLES, [False, False, False, True, True], strict=True))
)
def test_only_those_who_may_publish_reschedule(client, cast, who, allowed):
    article = cast["article"]
    old = article.scheduled_revision.approved_go_live_at
    new_day = old.date() + timedelta(days=2)
    sign_in(client, cast[who])

    response = client.post(reschedule_url(article), {"date": new_day.isoformat()})

    revision = reload(article).scheduled_revision
    if allowed:
        assert response.status_code == 302
        assert revision.approved_go_live_at == at(new_day, old.hour, old.minute)
    else:
        assert response.status_code in (302, 403)
        if who == "anonymous":
            assert response["Location"].startswith(reverse("wagtailadmin_login"))
        else:
            assert response.status_code == 403
        assert revision.approved_go_live_at == old


def test_an_editor_on_the_byline_may_not_reschedule(client, cast):
    """The four-eyes rule: who may not publish their own article may not move it either."""
    article = cast["article"]
    editor = cast["editor"]
    AuthorFactory(name="Editor Writer", user=editor)
    ArticleAuthor.objects.create(page=article, author=editor.author_profile)
    old = article.scheduled_revision.approved_go_live_at
    client.force_login(editor)

    response = client.post(reschedule_url(article), {"date": (old + timedelta(days=1)).date()})

    assert response.status_code == 403
    assert reload(article).scheduled_revision.approved_go_live_at == old


def test_an_editor_whom_only_the_scheduled_change_credits_may_not_reschedule(client, section):
    """A live article's scheduled change names them on its byline: they wrote what goes
    live, though the byline readers see now does not name them yet."""
    editor = UserFactory(role="editor")
    article = ArticleFactory(parent=section, tags=["planning"], ready=True)
    draft = article.get_latest_revision_as_object()
    draft.article_authors.add(ArticleAuthor(author=AuthorFactory(user=editor)))
    old = at(timezone.localdate() + timedelta(days=3))
    schedule(draft, old)
    client.force_login(editor)

    response = client.post(reschedule_url(article), {"date": (old + timedelta(days=1)).date()})

    assert response.status_code == 403
    assert reload(article).scheduled_revision.approved_go_live_at == old


def test_reschedule_form_is_offered_only_to_those_who_may_publish(client, cast):
    client.force_login(cast["editor"])
    day = cast["article"].go_live_at.date()
    html = client.get(calendar_url(day)).content.decode()
    assert f'action="{reschedule_url(cast["article"])}"' in html
    assert 'draggable="true"' in html
    AuthorFactory(name="Editor Writer", user=cast["editor"])
    ArticleAuthor.objects.create(page=cast["article"], author=cast["editor"].author_profile)
    html = client.get(calendar_url(day)).content.decode()
    assert f'action="{reschedule_url(cast["article"])}"' not in html
    assert 'draggable="true"' not in html


def test_reschedule_moves_the_go_live_time_logs_it_and_returns_to_the_calendar(client, cast):
    article = cast["article"]
    revision = article.scheduled_revision
    new = at(revision.approved_go_live_at.date() + timedelta(days=5), 7, 30)
    back = calendar_url(new.date())
    client.force_login(cast["editor"])

    response = client.post(
        reschedule_url(article), {"date": new.date(), "time": "07:30", "next": back}
    )

    assert response.status_code == 302 and response["Location"] == back
    revision.refresh_from_db()
    assert revision.approved_go_live_at == new
    assert reload(article).go_live_at == new
    assert reload(article).get_latest_revision_as_object().go_live_at == new
    entry = PageLogEntry.objects.get(page=article, action=RESCHEDULE_ACTION)
    assert entry.user == cast["editor"]
    assert "Rescheduled from" in entry.message
    page = client.get(back)
    assert "now goes live on" in page.content.decode()
    assert ("scheduled", "Planned piece") in entries(page)


def test_rescheduled_article_goes_live_at_the_new_time_not_the_old_one(client, cast):
    article = cast["article"]
    old = article.scheduled_revision.approved_go_live_at
    new = old + timedelta(days=2)
    client.force_login(cast["editor"])
    client.post(reschedule_url(article), {"date": new.date(), "time": new.strftime("%H:%M")})

    with time_machine.travel(old + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert not reload(article).live

    with time_machine.travel(new + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
    article = reload(article)
    assert article.live
    assert article.last_published_at == new + timedelta(minutes=1)
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def test_rescheduling_a_live_article_moves_its_scheduled_change(client, section):
    article = ArticleFactory(
        parent=section, title="Live already", authors=[AuthorFactory()], tags=["work"], ready=True
    )
    old = at(timezone.localdate() + timedelta(days=2))
    article.title = "Live, retitled later"
    schedule(article, old)
    client.force_login(UserFactory(role="editor"))
    new = old + timedelta(days=1)

    client.post(reschedule_url(article), {"date": new.date()})

    assert reload(article).scheduled_revision.approved_go_live_at == new
    assert reload(article).title == "Live already"
    with time_machine.travel(new + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert reload(article).title == "Live, retitled later"


@pytest.mark.parametrize(
    "data",
    [
        {"date": "2026-13-01"},
        {"date": ""},
        {},
        {"date": "2020-01-01"},
        {"date": "tomorrow"},
        {"date": "2030-01-01", "time": "25:00"},
        {"date": "2030-01-01\x00"},
    ],
)
def test_bad_dates_are_refused_with_a_400(client, cast, data):
    article = cast["article"]
    old = article.scheduled_revision.approved_go_live_at
    client.force_login(cast["editor"])

    response = client.post(reschedule_url(article), data)

    assert response.status_code == 400
    assert reload(article).scheduled_revision.approved_go_live_at == old


def test_past_time_today_is_a_form_error(client, cast):
    client.force_login(cast["editor"])
    past = timezone.localtime() - timedelta(hours=1)

    response = client.post(
        reschedule_url(cast["article"]),
        {"date": past.date(), "time": past.strftime("%H:%M")},
    )

    assert response.status_code == 400
    assert "Choose a time in the future." in response.content.decode()


@pytest.mark.parametrize("page_id", ["999999", "99999999999999999999", "0", "abc"])
def test_unknown_pages_are_404(client, cast, page_id):
    client.force_login(cast["editor"])

    response = client.post(
        f"{reverse('editorial_calendar')}reschedule/{page_id}/", {"date": "2030-01-01"}
    )

    assert response.status_code == 404


def test_unscheduled_and_non_article_pages_are_404(client, cast, section):
    client.force_login(cast["editor"])
    draft = ArticleFactory(parent=section, live=False)

    assert client.post(reschedule_url(draft), {"date": "2030-01-01"}).status_code == 404
    assert client.post(reschedule_url(section), {"date": "2030-01-01"}).status_code == 404


def test_reschedule_get_shows_a_form_with_the_current_time(client, cast):
    client.force_login(cast["editor"])
    current = timezone.localtime(cast["article"].scheduled_revision.approved_go_live_at)

    response = client.get(reschedule_url(cast["article"]))

    assert response.status_code == 200
    assert f'value="{current.date().isoformat()}"' in response.content.decode()


def test_next_must_stay_on_this_site(client, cast):
    client.force_login(cast["editor"])
    day = cast["article"].go_live_at.date() + timedelta(days=1)

    response = client.post(
        reschedule_url(cast["article"]), {"date": day, "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("editorial_calendar")
