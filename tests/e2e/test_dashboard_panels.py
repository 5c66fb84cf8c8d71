"""The admin home's editorial panels as a browser lays them out: an empty panel's line
starts where the text of a listed row does, as in Wagtail's own tables."""

import pytest

from ..factories import ArticleFactory, UserFactory
from .admin import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT_BOX = """(selector) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(selector));
    const box = range.getBoundingClientRect();
    return [box.left, box.top - document.querySelector(selector).closest('section')
        .querySelector('.w-panel__content').getBoundingClientRect().top];
}"""


def test_an_empty_panel_lines_up_with_the_rows_of_the_others(live_server, page, section):
    ArticleFactory(parent=section, title="Just out")
    sign_in(page, live_server, UserFactory(role="editor"))

    row_left, row_top = page.evaluate(TEXT_BOX, "#editorial_recently_published-section td.title a")
    empty_left, empty_top = page.evaluate(TEXT_BOX, "#editorial_scheduled-section .editorial-empty")

    assert (
        page.locator("#editorial_scheduled-section").inner_text().endswith("Nothing is scheduled.")
    )
    assert abs(empty_left - row_left) <= 1
    assert empty_top >= 8
