"""The admin upload: authors import only into sections where they may add articles."""

from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import GroupPagePermission

import pytest

from editorial.importing.sources import MAX_BYTES
from editorial.models import ArticlePage

from ..factories import AuthorFactory, UserFactory

FIXTURES = Path(__file__).parent / "fixtures" / "import"
URL = reverse("editorial_import")


def upload(name, data=None):
    return SimpleUploadedFile(name, data if data is not None else (FIXTURES / name).read_bytes())


@pytest.fixture
def importer(section):
    """An author whose group may add articles to Networking only."""
    group = Group.objects.create(name="Networking writers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=section, permission=Permission.objects.get(codename="add_page")
    )
    user = UserFactory(groups=[group])
    AuthorFactory(name="Maya Okafor", user=user)
    return user


@pytest.fixture
def outsider(db):
    group = Group.objects.create(name="Readers with admin access")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return UserFactory(groups=[group])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [("superuser", 200), ("importer", 200), ("outsider", 403), ("anonymous", 302)],
)
def test_upload_form_is_for_users_who_may_add_articles(client, importer, outsider, who, status):
    users = {
        "superuser": UserFactory(is_superuser=True),
        "importer": importer,
        "outsider": outsider,
        "anonymous": None,
    }
    if users[who]:
        client.force_login(users[who])

    response = client.get(URL)

    assert response.status_code == status


@pytest.mark.django_db
def test_menu_item_shows_only_for_users_who_may_import(client, importer, outsider):
    client.force_login(importer)
    assert b"Import articles" in client.get(reverse("wagtailadmin_home")).content

    client.force_login(outsider)
    assert b"Import articles" not in client.get(reverse("wagtailadmin_home")).content


@pytest.mark.django_db
def test_sections_offer_import_to_users_who_may_add(client, importer, home, section, careers):
    client.force_login(importer)
    import_here = f"{URL}?section={section.pk}".encode()

    response = client.get(reverse("wagtailadmin_explore", args=(section.pk,)))

    assert response.status_code == 200
    assert import_here in response.content
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("wagtailadmin_explore", args=(careers.pk,)))
    assert f"{URL}?section={careers.pk}".encode() in response.content
    response = client.get(reverse("wagtailadmin_explore", args=(home.pk,)))
    assert f"{URL}?section=".encode() not in response.content


@pytest.mark.django_db
def test_author_uploads_into_their_section_and_lands_on_the_draft(client, importer, section):
    client.force_login(importer)

    response = client.post(
        URL, {"section": section.pk, "files": upload("working-the-room.md"), "tags": "events"}
    )

    page = ArticlePage.objects.get(slug="working-the-room")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert page.get_parent().pk == section.pk
    assert not page.live
    assert page.owner == importer
    assert page.latest_revision.user == importer
    draft = page.get_latest_revision_as_object()
    assert [author.name for author in draft.authors] == ["Maya Okafor"]
    assert [tag.name for tag in draft.tags.all()] == ["events"]
    edit = client.get(response.url)
    assert edit.status_code == 200
    assert b"created: 10 blocks" in edit.content


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_author_cannot_import_into_another_section(client, importer, careers, method):
    client.force_login(importer)

    if method == "get":
        response = client.get(URL, {"section": careers.pk})
    else:
        response = client.post(URL, {"section": careers.pk, "files": upload("working-the-room.md")})

    assert response.status_code == 403
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_superuser_imports_several_files_and_sees_links_to_each_draft(client, careers):
    client.force_login(UserFactory(is_superuser=True))

    response = client.post(
        URL,
        {
            "section": careers.pk,
            "files": [upload("working-the-room.md"), upload("scraped-article.html")],
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    for page in ArticlePage.objects.child_of(careers):
        assert not page.live
        assert reverse("wagtailadmin_pages:edit", args=(page.pk,)) in html
    assert ArticlePage.objects.child_of(careers).count() == 2
    assert "New draft alternatives to review" in html


@pytest.mark.django_db
def test_bad_files_are_form_errors_and_nothing_is_imported(client, importer, section):
    client.force_login(importer)

    response = client.post(
        URL,
        {
            "section": section.pk,
            "files": [
                upload("working-the-room.md"),
                upload("empty.txt", b""),
                upload("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00"),
                upload("huge.txt", b"x" * (MAX_BYTES + 1)),
                upload("notes.pdf", b"%PDF-1.4"),
            ],
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["files"]
    assert errors == [
        "empty.txt: is empty",
        "photo.html: looks like a binary file, not text",
        f"huge.txt: too large ({MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,})",
        "notes.pdf: unsupported file type '.pdf'; use one of .htm, .html, .markdown, .md, "
        ".text, .txt",
    ]
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_author_cannot_overwrite_an_article_they_may_not_edit(client, importer, section):
    client.force_login(UserFactory(is_superuser=True))
    client.post(URL, {"section": section.pk, "files": upload("working-the-room.md")})
    page = ArticlePage.objects.get()
    client.force_login(importer)

    response = client.post(
        URL,
        {
            "section": section.pk,
            "files": upload("working-the-room.md", b"# Working the Room\n\nReplaced.\n"),
        },
    )

    assert response.status_code == 200
    assert b"you may not edit" in response.content
    assert reverse("wagtailadmin_pages:edit", args=(page.pk,)).encode() not in response.content
    assert page.revisions.count() == 1
