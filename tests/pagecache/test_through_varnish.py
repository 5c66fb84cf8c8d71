"""Through a real Varnish, configured as ``bench/varnish.vcl``, readers see a change on
their next request: the page cache's invalidation purges Varnish's copies once committed.

The site is served by the live server, so every change commits as in production.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from django.test import Client
from django.urls import reverse

import pytest

from ..factories import ArticleFactory, AuthorFactory, UserFactory, post_article_edit
from ..fetching import open_unfollowed

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VCL = Path(__file__).resolve().parents[2] / "bench" / "varnish.vcl"
READY_ATTEMPTS = 100


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    """``(status, body, X-Proxy-Cache)`` without following redirects."""
    with open_unfollowed(url) as response:
        return response.status, response.read().decode(), response.headers.get("X-Proxy-Cache")


@pytest.fixture
def varnish(live_server, settings):
    """Varnish on a free port in front of the live server, purged by the page cache.

    Its files are in a directory of their own that Varnish's unprivileged processes can
    read (pytest's temporary directories are its owner's only).
    """
    varnishd = shutil.which("varnishd")
    if varnishd is None:
        pytest.skip("needs varnishd (apt-get install varnish) to test purges through Varnish")
    backend_port = live_server.url.rsplit(":", 1)[1]
    workdir = Path(tempfile.mkdtemp(prefix="editorial-varnish-"))
    workdir.chmod(0o755)
    vcl = workdir / "varnish.vcl"
    vcl.write_text(VCL.read_text().replace('"8000"', f'"{backend_port}"'))
    url = f"http://127.0.0.1:{free_port()}"
    process = subprocess.Popen(  # noqa: S603 - our own arguments and files
        [varnishd, "-F", "-a", url.removeprefix("http://"), "-T", "none", "-f", str(vcl)]
        + ["-n", str(workdir / "varnish"), "-s", "malloc,16m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(READY_ATTEMPTS):
            assert process.poll() is None, "varnishd exited"
            try:
                fetch(f"{url}/robots.txt")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("varnishd did not answer")
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "editorial.pagecache.purging.PurgingHTTPBackend",
                "LOCATION": url,
            }
        }
        yield url
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def admin():
    client = Client()
    client.force_login(UserFactory(role="admin"))
    return client


def warm(varnish, urls):
    for url in urls:
        fetch(f"{varnish}{url}")
        assert fetch(f"{varnish}{url}")[2] == "hit", url


def test_a_view_restriction_is_seen_through_varnish_on_the_next_request(varnish, admin, section):
    article = ArticleFactory(parent=section, title="Quietly Leaving")
    warm(varnish, [article.url, section.url, "/", "/feeds/rss/"])

    privacy = reverse("wagtailadmin_pages:set_privacy", args=[section.pk])
    assert admin.post(privacy, {"restriction_type": "login"}).status_code == 200

    status, _, _ = fetch(f"{varnish}{article.url}")
    assert status == 302
    for url in ("/", "/feeds/rss/"):
        assert "Quietly Leaving" not in fetch(f"{varnish}{url}")[1], url


def test_a_publication_is_seen_through_varnish_on_the_next_request(varnish, admin, section):
    writer = AuthorFactory()
    article = ArticleFactory(
        parent=section, title="Quietly Leaving", authors=[writer], tags=["ethics"], ready=True
    )
    warm(varnish, [article.url, section.url, "/"])

    response = post_article_edit(admin, article, title="Loudly Staying", **{"action-publish": "1"})
    assert response.status_code == 302

    for url in (article.url, section.url, "/"):
        status, body, _ = fetch(f"{varnish}{url}")
        assert status == 200 and "Loudly Staying" in body, url
