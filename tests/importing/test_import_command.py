"""``manage.py import_articles``: drafts in, nothing published, nobody's edits lost."""

import shutil
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page

import pytest

from editorial.models import Alternative, ArticlePage

from ..factories import SEED_BLOCK_KINDS, AlternativeFactory, ArticleFactory, AuthorFactory

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEED = (
    Path(__file__).parents[2] / "editorial/demo/articles/is-buying-linkedin-connections-ethical.txt"
)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def maya(db):
    """The author that the imports name with ``--author maya-okafor``."""
    return AuthorFactory(name="Maya Okafor", slug="maya-okafor")


def draft_of(slug):
    return ArticlePage.objects.get(slug=slug).get_latest_revision_as_object()


@pytest.mark.django_db
def test_seed_article_imports_to_exactly_the_expected_blocks(section, maya):
    engage = AlternativeFactory(title="Engage actively", live=True)
    groups = AlternativeFactory(title="JOIN GROUPS AND COMMUNITIES.", live=True)

    out, _ = run(SEED, "--section", "networking", "--author", "maya-okafor", "--tags", "linkedin")

    page = ArticlePage.objects.get(slug="is-buying-linkedin-connections-ethical")
    assert not page.live and page.first_published_at is None
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Is Buying LinkedIn Connections Ethical?"
    assert draft.authors == [maya]
    assert [tag.name for tag in draft.tags.all()] == ["linkedin"]
    body = [(block.block_type, block.value) for block in draft.body]
    assert [kind for kind, _ in body] == SEED_BLOCK_KINDS
    assert [value["text"] for kind, value in body if kind == "heading"] == [
        "The Temptation to Buy Connections on LinkedIn",
        "The Ethical Dilemma",
        "Alternatives to Buying LinkedIn Connections",
        "In Conclusion",
    ]
    paragraphs = [value.source for kind, value in body if kind == "paragraph"]
    openings = [
        "<p>In the age of digital networking,",
        "<p>The desire to amass a large number",
        "<p>The ethical dilemma surrounding",
        "<p>The question of whether buying",
        "<p>In the long run, building",
    ]
    assert len(paragraphs) == len(openings)
    assert all(map(str.startswith, paragraphs, openings)), paragraphs
    points = body[5][1]["points"]
    assert [point["title"] for point in points] == [
        "Authenticity",
        "Trust",
        "Violating LinkedIn’s User Agreement",
        "Missed Opportunities for Authentic Networking",
    ]
    assert points[1]["text"].source == (
        "<p>Building trust is essential in professional relationships. When your connections "
        "discover that you have artificially inflated your network, it can erode trust and "
        "credibility. Potential employers, collaborators, or clients may question your "
        "credibility and wonder about your genuine professional achievements.</p>"
    )
    alternatives = body[7][1]
    assert alternatives["intro"].source == (
        "<p>Instead of resorting to unethical practices like buying LinkedIn connections, "
        "professionals can explore alternatives to grow their network authentically:</p>"
    )
    chosen = list(alternatives["alternatives"])
    assert chosen[:2] == [engage, groups]
    assert [alt.title for alt in chosen[2:]] == [
        "Attend Events and Webinars",
        "Personalize Connection Requests",
        "Showcase Your Expertise",
    ]
    assert not any(alt.live for alt in chosen[2:])
    assert all(alt.latest_revision is not None for alt in chosen[2:])
    assert "created: 11 blocks" in out
    assert "alternatives 2 matched, 3 new" in out
    assert "trending marker" in out


@pytest.mark.django_db
def test_folder_of_markdown_and_html_imports_as_drafts(section, maya):
    out, _ = run(FIXTURES, "--section", "networking", "--author", "maya-okafor")

    assert "2 created; 0 failed." in out
    room = draft_of("working-the-room")
    pest = draft_of("following-up-without-being-a-pest")
    assert [block.block_type for block in room.body][:4] == [
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
    ]
    assert "<ul><li>one you already know</li>" in room.body[3].value.source
    assert pest.body[8].block_type == "alternatives"
    assert ArticlePage.objects.live().count() == 0
    assert Alternative.objects.filter(live=True).count() == 0
    # "Engage actively!" (Markdown) and "Engage Actively" (HTML) are one snippet.
    assert Alternative.objects.filter(title__istartswith="engage actively").count() == 1
    assert Alternative.objects.count() == 3


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(section, maya):
    run(SEED, "--section", "networking", "--author", "maya-okafor")
    page = ArticlePage.objects.get()
    revisions = page.revisions.count()

    out, _ = run(SEED, "--section", "networking", "--author", "maya-okafor")

    assert "unchanged" in out
    assert ArticlePage.objects.get().pk == page.pk
    assert page.revisions.count() == revisions
    assert Alternative.objects.count() == 5


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "working-the-room.md"
    shutil.copy(FIXTURES / "working-the-room.md", path)
    return path


@pytest.mark.django_db
def test_changed_file_updates_the_same_draft_with_a_new_revision(section, maya, article_file):
    run(article_file, "--section", "networking")
    page = ArticlePage.objects.get()
    article_file.write_text(article_file.read_text() + "\nA closing thought.\n")

    out, _ = run(article_file, "--section", "networking", "--author", "maya-okafor")

    assert "updated" in out
    assert ArticlePage.objects.get().pk == page.pk
    assert page.revisions.count() == 2
    draft = draft_of("working-the-room")
    assert draft.body[-1].value.source == "<p>A closing thought.</p>"
    assert draft.authors == [maya]
    assert not ArticlePage.objects.get().live


@pytest.mark.django_db
def test_reimporting_a_published_article_saves_a_draft_only(section, maya, article_file):
    run(article_file, "--section", "networking", "--author", "maya-okafor")
    ArticlePage.objects.get().get_latest_revision().publish()
    article_file.write_text(article_file.read_text() + "\nA closing thought.\n")

    out, _ = run(article_file, "--section", "networking", "--author", "maya-okafor")

    assert "updated" in out
    page = ArticlePage.objects.get()
    assert page.live and page.has_unpublished_changes
    assert "A closing thought." not in page.body[-1].value.source
    assert draft_of("working-the-room").body[-1].value.source == "<p>A closing thought.</p>"


@pytest.mark.django_db
def test_draft_edited_in_admin_is_kept_unless_forced(section, maya, article_file, admin_user):
    run(article_file, "--section", "networking")
    edited = draft_of("working-the-room")
    edited.title = "Working the Room, Edited"
    edited.save_revision(user=admin_user)
    article_file.write_text(article_file.read_text() + "\nA closing thought.\n")

    out, _ = run(article_file, "--section", "networking")

    assert "skipped" in out and "--force" in out
    assert draft_of("working-the-room").title == "Working the Room, Edited"

    out, _ = run(article_file, "--section", "networking", "--force")

    assert "updated" in out
    assert draft_of("working-the-room").title == "Working the Room"


@pytest.mark.django_db
def test_draft_overwritten_in_place_counts_as_edited(section, article_file, admin_user):
    """Autosave rewrites the latest revision instead of adding one; that is an edit too."""
    run(article_file, "--section", "networking")
    page = ArticlePage.objects.get()
    edited = page.get_latest_revision_as_object()
    edited.title = "Autosaved"
    edited.save_revision(overwrite_revision=page.latest_revision)
    article_file.write_text(article_file.read_text() + "\nA closing thought.\n")

    out, _ = run(article_file, "--section", "networking")

    assert "skipped" in out
    assert draft_of("working-the-room").title == "Autosaved"


@pytest.mark.django_db
def test_article_not_made_by_the_importer_is_not_replaced(section, article_file):
    ArticleFactory(parent=section, title="Working the Room", slug="working-the-room")

    out, _ = run(article_file, "--section", "networking")

    assert "skipped" in out
    assert draft_of("working-the-room").standfirst == "A short summary of the article."


@pytest.mark.django_db
def test_bad_files_fail_with_a_reason_and_the_good_ones_import(section, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "huge.md").write_bytes(b"# Huge\n\n" + b"word " * (4 * 1024 * 1024))
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 Culture\n\nA na\xefve guide.\n".encode("latin-1"))
    (tmp_path / "bom.md").write_bytes("\ufeff# Crème Brûlée\n\nA guide.\n".encode())

    with pytest.raises(CommandError, match="^3 of 5 files could not be imported$"):
        run(tmp_path, "--section", "networking")

    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == [
        "Café Culture",
        "Crème Brûlée",
    ]


@pytest.mark.django_db
def test_bad_file_messages_are_one_line_each(section, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "huge.txt").write_bytes(b"word " * (4 * 1024 * 1024))
    err = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_articles",
            str(tmp_path),
            "--section",
            "networking",
            stdout=StringIO(),
            stderr=err,
        )

    lines = err.getvalue().splitlines()
    assert lines[0].startswith("warning: no --author given")
    lines = lines[1:]
    assert len(lines) == 2
    assert lines[0].endswith("empty.txt: is empty")
    assert "huge.txt: too large (20,971,520 bytes" in lines[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--section", "nowhere"], "no section with slug 'nowhere'"),
        (["--section", "networking", "--author", "nobody"], "no author with slug 'nobody'"),
    ],
)
def test_wrong_section_or_author_stops_before_importing(section, args, message):
    with pytest.raises(CommandError, match=message):
        run(SEED, *args)

    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_failure_while_saving_leaves_no_page_and_no_new_alternatives(section):
    # A page of another type already holds the slug, so saving the article fails late,
    # after the alternatives have been created.
    section.add_child(instance=Page(title="Taken", slug="is-buying-linkedin-connections-ethical"))

    with pytest.raises(CommandError, match="1 of 1 files"):
        run(SEED, "--section", "networking")

    assert not ArticlePage.objects.exists()
    assert not Alternative.objects.exists()


@pytest.mark.django_db
def test_dry_run_reports_and_saves_nothing(section):
    out, _ = run(SEED, "--section", "networking", "--dry-run")

    assert "created: 11 blocks" in out
    assert "Dry run, nothing saved" in out
    assert not ArticlePage.objects.exists()
    assert not Alternative.objects.exists()
