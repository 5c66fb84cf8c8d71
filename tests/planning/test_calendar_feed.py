"""Each editor's private iCalendar feed: who gets one, what it holds, and that it is valid."""

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

import icalendar
import pytest

from editorial.models import Assignment, CalendarFeed
from editorial.planning import ical

from ..factories import ROLES, ArticleFactory, UserFactory, sign_in
from ..workflow import at

pytestmark = pytest.mark.django_db


def feed_url(token):
    return reverse("editorial:calendar-feed", args=[token])


@pytest.mark.parametrize(
    "who, allowed", list(zip(ROLES, [False, False, False, True, True], strict=True))
)
def test_only_editors_make_a_feed(client, cast, who, allowed):
    sign_in(client, cast[who])

    response = client.post(reverse("editorial_calendar_feed"), {"action": "regenerate"})

    assert CalendarFeed.objects.exists() == allowed
    if who == "anonymous":
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    elif not allowed:
        assert response.status_code == 403


def test_feed_address_is_shown_regenerated_and_revoked_from_the_calendar(client, cast):
    client.force_login(cast["editor"])
    assert "You have no calendar feed" in client.get(reverse("editorial_calendar")).content.decode()

    client.post(reverse("editorial_calendar_feed"), {"action": "regenerate"})
    first = CalendarFeed.objects.get(user=cast["editor"]).token
    page = client.get(reverse("editorial_calendar")).content.decode()
    assert f"{settings.BASE_URL}{feed_url(first)}" in page
    assert client.get(feed_url(first)).status_code == 200

    client.post(reverse("editorial_calendar_feed"), {"action": "regenerate"})
    second = CalendarFeed.objects.get(user=cast["editor"]).token
    assert second != first
    assert client.get(feed_url(first)).status_code == 404
    assert client.get(feed_url(second)).status_code == 200

    client.post(reverse("editorial_calendar_feed"), {"action": "revoke"})
    assert not CalendarFeed.objects.exists()
    assert client.get(feed_url(second)).status_code == 404


def test_feed_management_refuses_unknown_actions_and_get(client, cast):
    client.force_login(cast["editor"])

    assert client.post(reverse("editorial_calendar_feed"), {"action": "x"}).status_code == 400
    assert client.get(reverse("editorial_calendar_feed")).status_code == 405
    assert not CalendarFeed.objects.exists()


def test_tokens_are_random_and_long(cast):
    tokens = {CalendarFeed.objects.create(user=UserFactory(role="editor")).token for _ in range(3)}
    assert len(tokens) == 3
    assert all(len(token) >= 40 for token in tokens)


@pytest.mark.parametrize("token", ["unknown", "x" * 300, "%20", "a.b"])
def test_unknown_tokens_are_404(client, cast, token):
    CalendarFeed.objects.create(user=cast["editor"])

    assert client.get(feed_url(token)).status_code == 404


def test_feed_of_someone_no_longer_an_editor_is_404(client, cast):
    feed = CalendarFeed.objects.create(user=cast["editor"])
    cast["editor"].groups.clear()

    assert client.get(feed_url(feed.token)).status_code == 404
    feed.user.is_active = False
    feed.user.save()
    assert client.get(feed_url(feed.token)).status_code == 404


def test_feed_is_a_valid_calendar_with_the_calendar_events(client, cast, section):
    today = timezone.localdate()
    Assignment.objects.create(
        working_title="Salary talks; a guide, with \\ and commas",
        due_date=today + timedelta(days=1),
        notes="First line\nsecond line",
    )
    ArticleFactory(parent=section, title="Out now", first_published_at=at(today, 8))
    ArticleFactory(parent=section, title="Long ago", first_published_at=at(today - timedelta(400)))
    ArticleFactory(parent=section, title="Ünïcödé " * 20, first_published_at=at(today, 9))
    feed = CalendarFeed.objects.create(user=cast["editor"])

    response = client.get(feed_url(feed.token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    body = response.content
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"

    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["VERSION"]) == "2.0"
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        "Due: Salary talks; a guide, with \\ and commas",
        "Scheduled: Planned piece",
        "Published: Out now",
        "Published: " + "Ünïcödé " * 20,
    }
    due = events["Due: Salary talks; a guide, with \\ and commas"]
    assert due.decoded("DTSTART") == today + timedelta(days=1)
    assert str(due["DESCRIPTION"]) == "First line\nsecond line"
    scheduled = events["Scheduled: Planned piece"]
    assert scheduled.decoded("DTSTART") == cast["article"].scheduled_revision.approved_go_live_at
    assert str(scheduled["URL"]) == (
        f"{settings.BASE_URL}{reverse('wagtailadmin_pages:edit', args=[cast['article'].pk])}"
    )
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert all(event.decoded("DTSTAMP").tzinfo is not None for event in calendar.walk("VEVENT"))


def test_feed_runs_in_a_fixed_number_of_queries(
    client, cast, section, django_assert_max_num_queries
):
    feed = CalendarFeed.objects.create(user=cast["editor"])
    client.get(feed_url(feed.token))
    for n in range(5):
        ArticleFactory(parent=section, title=f"Piece {n}", first_published_at=timezone.now())
        Assignment.objects.create(working_title=f"Plan {n}", due_date=timezone.localdate())

    with django_assert_max_num_queries(12):
        response = client.get(feed_url(feed.token))

    assert response.content.count(b"BEGIN:VEVENT") == 11


# The writer itself, line by line


def test_editors_text_reaches_the_feed_without_control_characters():
    text = ical.render(
        "Test",
        [ical.Event(uid="a@x", start=date(2026, 3, 1), summary="a,b;c\\d\ne\r\nf\x07")],
        datetime(2026, 1, 2, tzinfo=UTC),
    )
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "a,b;c\\d\ne\nf"
    assert "\x07" not in text


def test_all_day_and_timed_events():
    stamp = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    text = ical.render(
        "Test",
        [
            ical.Event(uid="a@x", start=date(2026, 3, 1), summary="All day"),
            ical.Event(uid="b@x", start=stamp, summary="Timed"),
        ],
        stamp,
    )
    assert "DTSTART;VALUE=DATE:20260301\r\nDTEND;VALUE=DATE:20260302\r\n" in text
    assert "DTSTART:20260102T030405Z\r\n" in text
    assert text.count("DTSTAMP:20260102T030405Z\r\n") == 2
