"""User-facing texts go through gettext: a catalogue for another language changes them.

The project ships only English, so a made-up German catalogue stands in for a real one;
a text that lost its marking would stay English under it and fail here.
"""

import struct

from django.utils import translation
from django.utils.functional import Promise

import pytest

from editorial.content.blocks import CalloutBlock, TrendingPostsBlock
from editorial.models import ArticlePage, Assignment
from editorial.review.dashboard import MyDraftsPanel
from editorial.review.insight import human_duration
from editorial.review.models import approval_refusal

from ..factories import ArticleFactory, AuthorFactory, UserFactory

GERMAN = {
    "One or two sentences under the headline; used in listings.": (
        "Ein oder zwei Sätze unter der Überschrift."
    ),
    "Trending": "Beliebt",
    "Tip": "Tipp",
    "To do": "Offen",
    "Your drafts": "Ihre Entwürfe",
    "%(hours)d h %(minutes)d min": "%(hours)d Std. %(minutes)d Min.",
    "You wrote this, so another editor must review it (four-eyes rule).": (
        "Sie haben das geschrieben; jemand anderes muss es prüfen (Vier-Augen-Prinzip)."
    ),
}


def write_mo(path, messages):
    """A GNU gettext catalogue (the .mo format ``msgfmt`` writes) of ``messages``."""
    entries = sorted({"": "Content-Type: text/plain; charset=UTF-8\n", **messages}.items())
    ids = [key.encode() for key, _ in entries]
    strs = [value.encode() for _, value in entries]
    header_size = 7 * 4
    table_size = len(entries) * 8
    offset = header_size + 2 * table_size
    id_table, str_table, data = [], [], b""
    for table, texts in ((id_table, ids), (str_table, strs)):
        for text in texts:
            table.append((len(text), offset + len(data)))
            data += text + b"\0"
    header = struct.pack(
        "<7I", 0x950412DE, 0, len(entries), header_size, header_size + table_size, 0, 0
    )
    tables = b"".join(struct.pack("<2I", *entry) for entry in id_table + str_table)
    path.parent.mkdir(parents=True)
    path.write_bytes(header + tables + data)


@pytest.fixture
def german(settings, tmp_path):
    write_mo(tmp_path / "de" / "LC_MESSAGES" / "django.mo", GERMAN)
    settings.LOCALE_PATHS = [tmp_path]
    with translation.override("de"):
        yield


def test_definitions_are_lazy_so_each_request_gets_its_language():
    assert isinstance(ArticlePage._meta.get_field("standfirst").help_text, Promise)
    assert isinstance(TrendingPostsBlock().meta.default_heading, Promise)
    assert isinstance(Assignment.Status.OPEN.label, Promise)
    assert isinstance(MyDraftsPanel.heading, Promise)


def test_model_block_and_panel_texts_follow_the_catalogue(german):
    assert str(ArticlePage._meta.get_field("standfirst").help_text) == (
        "Ein oder zwei Sätze unter der Überschrift."
    )
    assert str(TrendingPostsBlock().meta.default_heading) == "Beliebt"
    assert dict(CalloutBlock().child_blocks["tone"].field.choices)["tip"] == "Tipp"
    assert Assignment(status=Assignment.Status.OPEN).get_status_display() == "Offen"
    assert str(MyDraftsPanel.heading) == "Ihre Entwürfe"


def test_texts_built_at_run_time_follow_the_catalogue(german):
    assert human_duration(2 * 60 * 60 + 5 * 60) == "2 Std. 5 Min."


@pytest.mark.django_db
def test_a_refusal_reaches_the_editor_in_their_language(german, section):
    editor = UserFactory(role="editor")
    article = ArticleFactory(parent=section, authors=[AuthorFactory(user=editor)], live=False)

    assert approval_refusal(article, editor) == (
        "Sie haben das geschrieben; jemand anderes muss es prüfen (Vier-Augen-Prinzip)."
    )


def test_english_stays_as_written():
    assert human_duration(2 * 60 * 60 + 5 * 60) == "2 h 5 min"
    assert str(TrendingPostsBlock().meta.default_heading) == "Trending"
