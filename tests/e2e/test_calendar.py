"""An editor reschedules an article from the editorial calendar in a real browser."""

from datetime import timedelta

from django.utils import timezone

import pytest

from ..factories import ArticleFactory, UserFactory
from ..workflow import at, reload, schedule
from .admin import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def go_live_at(article):
    return reload(article).scheduled_revision.approved_go_live_at


def day_cell(page, day):
    return page.locator(f'td[data-date="{day.isoformat()}"]')


def drag(page, source, target):
    """Drag with small mouse steps: Chromium starts an HTML5 drag only after real movement."""
    source.scroll_into_view_if_needed()
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(start["x"] + 20, start["y"] + 20, steps=5)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 30, steps=10)
    page.mouse.up()


@pytest.fixture
def scheduled(section):
    article = ArticleFactory(parent=section, title="Monday column", live=False)
    # A Wednesday at least a week ahead, so the whole week around it is in the future.
    start = timezone.localdate() + timedelta(days=7)
    wednesday = start + timedelta(days=(2 - start.weekday()) % 7)
    schedule(article, at(wednesday, 9, 30))
    return article


def test_editor_reschedules_with_the_date_form_and_by_drag_and_drop(
    live_server, page, section, scheduled
):
    editor = UserFactory(role="editor")
    old_day = go_live_at(scheduled).date()
    sign_in(page, live_server, editor)

    page.get_by_role("link", name="Calendar").click()
    page.wait_for_url("**/admin/calendar/")
    page.goto(f"{live_server.url}/admin/calendar/?view=week&date={old_day.isoformat()}")
    event = day_cell(page, old_day).locator("li", has_text="Monday column")
    assert event.is_visible()

    # With the form: two days later, at a new time.
    form_day = old_day + timedelta(days=2)
    event.get_by_text("Reschedule").click()
    event.get_by_label("New date").fill(form_day.isoformat())
    event.get_by_label("Time").fill("14:15")
    event.get_by_role("button", name="Move").click()
    page.wait_for_load_state()

    assert page.get_by_text("now goes live on").is_visible()
    moved = day_cell(page, form_day).locator("li", has_text="Monday column")
    assert moved.is_visible()
    assert "14:15" in moved.inner_text()
    assert day_cell(page, old_day).locator("li", has_text="Monday column").count() == 0
    assert go_live_at(scheduled) == at(form_day, 14, 15)

    # By drag and drop: back one day, keeping the time of day.
    drop_day = form_day - timedelta(days=1)
    with page.expect_navigation():
        drag(page, moved.locator(".editorial-calendar-event__kind"), day_cell(page, drop_day))

    assert day_cell(page, drop_day).locator("li", has_text="Monday column").is_visible()
    assert day_cell(page, form_day).locator("li", has_text="Monday column").count() == 0
    assert go_live_at(scheduled) == at(drop_day, 14, 15)
