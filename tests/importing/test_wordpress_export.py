"""WordPress exports are read as a stream, and broken or hostile files are refused whole."""

import tracemalloc

import pytest

from editorial.importing.wxr import WxrError, WxrExport

from .wxr import BILLION_LAUGHS, EXTERNAL_ENTITY, FOOTER, Item, header, write_export

AUTHORS = [("maya", "maya@example.org", "Maya Okafor")]
CATEGORIES = [("careers", "Careers", ""), ("remote-work", "Remote work", "careers")]


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version_is_read_with_its_site_and_posts(tmp_path, version):
    path = write_export(
        tmp_path / "export.xml",
        version,
        [
            Item(
                1,
                "Café hiring",
                content="<p>Body</p>",
                excerpt="Short",
                categories=[("remote-work", "Remote work")],
                tags=["Éducation", "日本語"],
                meta={"_thumbnail_id": "9"},
                sticky=True,
                comments=2,
            ),
            Item(2, "Old draft", status="draft"),
            Item(3, "About us", post_type="page"),
            Item(
                9,
                "photo",
                post_type="attachment",
                attachment_url="https://x/a.jpg",
                meta={"_wp_attached_file": "2021/03/a.jpg", "_wp_attachment_image_alt": "A"},
            ),
        ],
        authors=AUTHORS,
        categories=CATEGORIES,
        tags=["Éducation", "日本語"],
    )
    export = WxrExport(path)

    site = export.scan()
    posts = list(export.posts())

    assert site.version == version
    assert site.base_url == "https://news.example.org"
    assert site.categories["remote-work"].parent == "careers"
    assert site.authors == ({} if version == "1.0" else {"maya": site.authors["maya"]})
    assert site.types == {"post": 2, "page": 1, "attachment": 1}
    assert site.statuses == {"publish": 1, "draft": 1}
    assert site.comments == 2
    assert site.attachments[9].file == "2021/03/a.jpg" and site.attachments[9].alt == "A"
    first, draft = posts
    assert (first.wp_id, first.title, first.creator, first.excerpt) == (
        1,
        "Café hiring",
        "maya",
        "Short",
    )
    assert first.tags == ["Éducation", "日本語"]
    assert [c.slug for c in first.categories] == ["remote-work"]
    assert first.meta["_thumbnail_id"] == "9" and first.sticky
    assert first.date.isoformat() == "2021-03-04T09:30:00+00:00"
    assert first.link == "https://news.example.org/2021/03/post-1/"
    # A draft has no GMT date; its local date stands in.
    assert draft.status == "draft" and draft.date is not None


def test_a_large_export_is_read_one_post_at_a_time(tmp_path):
    body = "<p>" + "A paragraph of an archived article. " * 200 + "</p>"
    path = write_export(
        tmp_path / "big.xml", "1.2", (Item(n, f"Post {n}", content=body) for n in range(1, 3001))
    )
    assert path.stat().st_size > 20_000_000
    export = WxrExport(path)
    export.scan()

    tracemalloc.start()
    count = sum(1 for _ in export.posts())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert count == 3000
    assert peak < 2_000_000


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BILLION_LAUGHS, "refused: the file declares entities or a document type"),
        (EXTERNAL_ENTITY, "refused: the file declares entities or a document type"),
        (header("1.2") + "<item><title>Cut off", "not well-formed XML at line"),
        (
            header("1.2") + "<item><title>Bad \x01 char</title></item>" + FOOTER,
            "not well-formed XML at line 5, column 18: not well-formed (invalid token)",
        ),
        ("<html><body>Hello</body></html>", "not a WordPress export: the file is not an RSS feed"),
        (
            '<rss version="2.0"><channel><title>A blog</title>'
            "<item><title>P</title></item></channel></rss>",
            "no wp:wxr_version before the posts",
        ),
        (header("2.0") + FOOTER, "unknown WXR version '2.0'"),
        ("", "not well-formed XML at line 1"),
    ],
    ids=[
        "billion laughs",
        "external entity",
        "malformed",
        "invalid character",
        "not a feed",
        "not an export",
        "unknown version",
        "empty",
    ],
)
def test_broken_and_hostile_files_are_refused_with_one_line(tmp_path, content, message):
    path = tmp_path / "export.xml"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(WxrError) as refused:
        WxrExport(path).scan()

    assert message in str(refused.value)
    assert "\n" not in str(refused.value)
