"""``manage.py import_wordpress``: a WordPress site in, nothing twice, no old link broken."""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backend

import pytest
from django_tasks_db.models import DBTaskResult
from PIL import Image as PILImage
from taggit.models import Tag

from editorial.models import ArticlePage, Author, SectionPage, WordPressOrigin

from ..factories import UserFactory
from ..tasks import DATABASE_TASKS
from .wxr import BILLION_LAUGHS, TERMS, Item, items, write_export


@pytest.fixture
def export(tmp_path):
    return write_export(tmp_path / "export.xml", "1.2", items(), **TERMS)


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads" / "2021" / "03"
    folder.mkdir(parents=True)
    PILImage.new("RGB", (40, 30), "#8b1f1f").save(folder / "desk.jpg", format="JPEG")
    return tmp_path / "uploads"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_wordpress", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def article(wp_id):
    return WordPressOrigin.objects.get(kind="post", wp_id=wp_id).page


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version_brings_in_posts_authors_sections_tags_and_images(
    home, tmp_path, uploads, version
):
    path = write_export(tmp_path / f"export-{version}.xml", version, items(), **TERMS)

    out, err = run(path, "--media-dir", uploads)

    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == [
        "A classic post",
        "Members only",
        "Remote hiring is here to stay",
        "Secret",
        "Unfinished draft",
    ]
    assert not ArticlePage.objects.filter(live=True).exists()
    remote = article(1).get_latest_revision_as_object()
    assert remote.slug == "remote-hiring"
    assert remote.standfirst == "Why interviews moved online."
    assert [a.name for a in remote.authors] == ["Maya Okafor" if version != "1.0" else "maya"]
    assert remote.get_parent().slug == "remote-work"
    assert sorted(t.name for t in remote.tags.all()) == ["Éducation", "日本語", "🔥"]
    assert all(Tag.objects.filter(name__in=TERMS["tags"]).values_list("slug", flat=True))
    assert remote.first_published_at.isoformat() == "2021-03-04T09:30:00+00:00"
    assert remote.trending_pinned_until is not None
    desk = get_image_model().objects.get(title="desk")
    assert (remote.hero_image, remote.hero_alt) == (desk, "A tidy desk")
    body = [(block.block_type, block.value) for block in remote.body]
    assert [kind for kind, _ in body] == ["paragraph", "image", "heading", "key_points", "embed"]
    assert (body[1][1]["image"].pk, body[1][1]["caption"]) == (desk.pk, "The desk")
    assert [p["title"] for p in body[3][1]["points"]] == ["Trust", "Reach"]
    assert body[4][1]["embed"].url == "https://www.youtube.com/watch?v=abc"
    classic = article(2).get_latest_revision_as_object()
    assert [block.block_type for block in classic.body] == [
        "paragraph",
        "image",
        "heading",
        "paragraph",
    ]
    assert classic.get_parent().slug == "careers"
    assert article(5).get_parent().slug == "news"
    assert "2021/03/lost.jpg is missing" in err
    assert "post 5: password-protected in WordPress; kept as a draft" in err
    assert "Posts: 5 created; 0 failed." in out
    assert "Skipped: 1 in the trash." in out
    assert "Not imported: 2 comments, 1 nav_menu_item, 1 page." in out
    assert "New: 2 authors, 3 sections, 3 tags, 1 images, 10 redirects." in out


@pytest.mark.django_db
def test_nested_categories_go_to_their_top_section_with_sections_top(home, export):
    run(export, "--sections", "top")

    assert article(1).get_parent().slug == "careers"
    assert not SectionPage.objects.filter(slug="remote-work").exists()


@pytest.mark.django_db
def test_publish_by_an_administrator_makes_only_published_posts_live(home, export):
    admin = UserFactory(role="admin")

    out, _ = run(export, "--publish", "--user", admin.username)

    assert sorted(ArticlePage.objects.filter(live=True).values_list("title", flat=True)) == [
        "A classic post",
        "Remote hiring is here to stay",
    ]
    assert article(1).first_published_at.isoformat() == "2021-03-04T09:30:00+00:00"
    entry = PageLogEntry.objects.get(page=article(1), action="editorial.import")
    assert entry.data["published_without_review"] is True and entry.user == admin
    assert PageLogEntry.objects.filter(
        page=article(1), action="wagtail.publish", user=admin
    ).exists()


@pytest.mark.django_db
def test_publish_is_refused_without_an_administrator(home, export):
    editor = UserFactory(role="editor")

    with pytest.raises(CommandError, match="needs --user naming an administrator"):
        run(export, "--publish", "--user", editor.username)

    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_importing_again_creates_nothing_twice_and_respects_admin_edits(home, export, uploads):
    run(export, "--media-dir", uploads)
    counts = (
        ArticlePage.objects.count(),
        Author.objects.count(),
        Tag.objects.count(),
        Redirect.objects.count(),
        get_image_model().objects.count(),
    )
    edited = article(2).get_latest_revision_as_object()
    edited.title = "Edited by the desk"
    edited.save_revision()

    out, _ = run(export, "--media-dir", uploads)

    assert (
        ArticlePage.objects.count(),
        Author.objects.count(),
        Tag.objects.count(),
        Redirect.objects.count(),
        get_image_model().objects.count(),
    ) == counts
    assert "Posts: 1 skipped, 4 unchanged" in out
    assert "edited in the admin since it was imported" in out
    assert article(2).get_latest_revision_as_object().title == "Edited by the desk"

    out, _ = run(export, "--media-dir", uploads, "--force")

    assert article(2).get_latest_revision_as_object().title == "A classic post"
    assert "5 updated" in out


@pytest.mark.django_db
def test_a_changed_post_updates_its_article(home, tmp_path, export):
    run(export)
    changed = items()
    changed[0].title = "Remote hiring, a year on"
    write_export(export, "1.2", changed, **TERMS)

    out, _ = run(export)

    assert article(1).get_latest_revision_as_object().title == "Remote hiring, a year on"
    assert "1 updated" in out and ArticlePage.objects.count() == 5


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing(home, export, uploads):
    out, _ = run(export, "--media-dir", uploads, "--dry-run")

    assert "Dry run, nothing saved." in out and "Posts: 5 created" in out
    assert not ArticlePage.objects.exists()
    assert not Author.objects.exists() and not Redirect.objects.exists()
    assert not get_image_model().objects.exists()
    assert not WordPressOrigin.objects.exists()


@pytest.mark.django_db
def test_old_permalinks_and_post_ids_redirect_permanently(client, home, export):
    admin = UserFactory(role="admin")
    run(export, "--publish", "--user", admin.username)
    url = article(1).url

    by_link = client.get("/2021/03/remote-hiring/")
    by_id = client.get("/?p=1")

    assert (by_link.status_code, by_link["Location"]) == (301, url)
    assert (by_id.status_code, by_id["Location"]) == (301, url)
    assert client.get("/?p=999").status_code == 200


@pytest.mark.django_db
def test_one_bad_post_is_reported_and_the_others_come_in(home, tmp_path):
    path = write_export(
        tmp_path / "export.xml",
        "1.2",
        [Item(1, "Fine", content="Text."), Item(2, "", content="")],
        **TERMS,
    )

    with pytest.raises(CommandError, match="1 posts could not be imported"):
        run(path)

    assert list(ArticlePage.objects.values_list("title", flat=True)) == ["Fine"]


@pytest.mark.django_db
def test_link_users_connects_authors_to_accounts_by_email(home, export):
    user = UserFactory(role="editor", email="MAYA@example.org")

    run(export, "--link-users")

    assert Author.objects.get(slug="maya").user == user
    assert Author.objects.get(slug="tom").user is None


@pytest.mark.django_db
def test_a_hostile_export_is_refused_in_one_line_and_writes_nothing(home, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(BILLION_LAUGHS)

    with pytest.raises(CommandError) as refused:
        run(path)

    assert "refused: the file declares entities or a document type" in str(refused.value)
    assert (
        not ArticlePage.objects.exists() and not SectionPage.objects.exclude(depth__lt=3).exists()
    )


@pytest.mark.django_db
def test_an_image_bomb_in_the_uploads_is_reported_and_the_posts_come_in(home, export, tmp_path):
    folder = tmp_path / "uploads" / "2021" / "03"
    folder.mkdir(parents=True)
    # A hundred-kilobyte PNG that would decode to 900 million pixels.
    PILImage.new("1", (30_000, 30_000)).save(folder / "desk.jpg", format="PNG")
    assert (folder / "desk.jpg").stat().st_size < 1_000_000

    out, err = run(export, "--media-dir", tmp_path / "uploads")

    assert "desk.jpg cannot be read as an image" in err
    assert not get_image_model().objects.exists()
    assert "Posts: 5 created; 0 failed." in out


@pytest.mark.django_db
def test_imported_articles_are_indexed_once_at_the_end_and_saves_index_again_after(
    home, export, uploads, commit_between_requests
):
    run(export, "--media-dir", uploads)

    remote = article(1)
    assert [page.pk for page in ArticlePage.objects.search("Remote hiring")] == [remote.pk]
    desk = get_image_model().objects.get(title="desk")
    assert ReferenceIndex.get_references_to(desk).filter(object_id=str(remote.pk)).exists()

    remote.title = "Kayaks on the river"
    remote.save_revision()
    remote.save()
    commit_between_requests.commit()  # the save's index refresh waits for its commit
    assert [page.pk for page in ArticlePage.objects.search("kayaks")] == [remote.pk]


@pytest.mark.django_db
def test_an_import_queues_no_index_update_per_save_when_tasks_go_to_a_worker(
    home, export, uploads, settings
):
    settings.TASKS = DATABASE_TASKS
    run(export, "--media-dir", uploads)

    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert not queued & {
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    }
    assert [page.pk for page in ArticlePage.objects.search("Remote hiring")] == [article(1).pk]


@pytest.mark.django_db
def test_the_authors_sections_and_images_an_import_creates_are_found_by_search(
    home, export, uploads
):
    run(export, "--media-dir", uploads)

    backend = get_search_backend()
    assert [author.name for author in backend.search("Okafor", Author)] == ["Maya Okafor"]
    assert [section.title for section in SectionPage.objects.search("Careers")] == ["Careers"]
    assert [image.title for image in get_image_model().objects.search("desk")] == ["desk"]
