"""The admin's WordPress import: for administrators only, refusing bad files as form errors."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from editorial.importing import wordpress_views
from editorial.models import ArticlePage, WordPressOrigin

from ..factories import UserFactory
from .wxr import EXTERNAL_ENTITY, TERMS, items, write_export

URL = reverse("editorial_import_wordpress")


def upload(tmp_path, content=None):
    if content is None:
        content = write_export(tmp_path / "export.xml", "1.1", items(), **TERMS).read_bytes()
    return SimpleUploadedFile("export.xml", content, content_type="text/xml")


def form(export, **fields):
    return {"export": export, "sections": "flatten", "default_section": "news", **fields}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "author"])
def test_only_administrators_may_import_a_wordpress_site(client, home, tmp_path, role):
    client.force_login(UserFactory(role=role))

    assert client.get(URL).status_code == 403
    assert client.post(URL, form(upload(tmp_path))).status_code == 403
    assert not ArticlePage.objects.exists()
    assert "Import from WordPress" not in client.get(reverse("wagtailadmin_home")).text


@pytest.mark.django_db
def test_an_administrator_imports_and_publishes_with_a_report(client, home, tmp_path):
    admin = UserFactory(role="admin")
    client.force_login(admin)
    assert "Import from WordPress" in client.get(reverse("wagtailadmin_home")).text

    response = client.post(URL, form(upload(tmp_path), publish="on"))

    assert response.status_code == 200
    assert "Posts: 5 created; 0 failed." in response.text
    assert sorted(ArticlePage.objects.filter(live=True).values_list("title", flat=True)) == [
        "A classic post",
        "Remote hiring is here to stay",
    ]
    page = WordPressOrigin.objects.get(kind="post", wp_id=1).page
    entry = PageLogEntry.objects.get(page=page, action="editorial.import")
    assert entry.user == admin
    assert "published without review by an administrator" in entry.message


@pytest.mark.django_db
def test_a_hostile_upload_is_a_form_error_and_saves_nothing(client, home, tmp_path):
    client.force_login(UserFactory(role="admin"))

    response = client.post(URL, form(upload(tmp_path, EXTERNAL_ENTITY.encode())))

    assert response.status_code == 200
    assert "refused: the file declares entities or a document type" in response.text
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_an_export_too_large_for_a_web_request_is_sent_to_the_command(
    client, home, tmp_path, monkeypatch
):
    """Its six posts (of every status) are one more than the admin takes here: refused
    before anything is saved, with the command to use instead."""
    client.force_login(UserFactory(role="admin"))
    monkeypatch.setattr(wordpress_views, "ADMIN_POSTS", 5)

    response = client.post(URL, form(upload(tmp_path), publish="on"))

    assert response.status_code == 200
    assert "export.xml has 6 posts; the admin imports up to 5" in response.text
    assert "manage.py import_wordpress export.xml" in response.text
    assert not ArticlePage.objects.exists()
