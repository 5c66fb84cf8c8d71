"""Every reader's page names its icons and manifest, and each one is there: no browser or
feed reader asks for a file that does not exist."""

import io
import json
import re

import pytest
from PIL import Image

from ..factories import ArticleFactory

pytestmark = pytest.mark.django_db


def head_links(html):
    return re.findall(r'<link rel="(icon|apple-touch-icon|manifest)" href="([^"]+)"', html)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("page", ["home", "section", "article", "tag", "search", "missing"])
def test_every_page_links_icons_and_a_manifest_that_exist(client, section, page):
    article = ArticleFactory(parent=section, tags=["work"])
    url = {
        "home": "/",
        "section": section.url,
        "article": article.url,
        "tag": "/tags/work/",
        "search": "/search/?q=work",
        "missing": "/no-such-page/",
    }[page]

    links = head_links(client.get(url).content.decode())

    assert sorted(rel for rel, _ in links) == ["apple-touch-icon", "icon", "icon", "manifest"]
    for rel, href in links:
        content = fetch(client, href)
        if rel == "apple-touch-icon":
            assert Image.open(io.BytesIO(content)).size == (180, 180)


def test_manifest_names_the_site_and_icons_of_the_sizes_it_says(client, settings):
    response = client.get("/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    assert "max-age=86400" in response["Cache-Control"]
    manifest = json.loads(response.content)
    assert manifest["name"] == settings.WAGTAIL_SITE_NAME
    assert manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        content = fetch(client, icon["src"])
        if icon["type"] == "image/svg+xml":
            assert content.startswith(b"<svg")
        else:
            width, height = map(int, icon["sizes"].split("x"))
            assert Image.open(io.BytesIO(content)).size == (width, height)


def test_favicon_ico_at_the_root_leads_to_an_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(fetch(client, response["Location"])))
    assert icon.format == "ICO"
