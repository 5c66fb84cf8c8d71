"""config/nginx.conf, run by a real nginx in front of the app: TLS, images from MEDIA_ROOT,
documents only through Wagtail's view, so a private collection's file cannot be fetched
by its path."""

import shutil
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from ..factories import ImageFactory
from ..fetching import open_unfollowed
from ..gunicorn_server import free_port

CONFIG = Path(__file__).resolve().parents[2] / "config" / "nginx.conf"
READY_ATTEMPTS = 100

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fetch(url):
    """``(status, body)`` without following redirects, trusting the test's certificate."""
    with open_unfollowed(url, context=ssl._create_unverified_context()) as response:  # noqa: S323
        return response.status, response.read()


class Served(str):
    """The HTTPS address nginx serves at, with ``plain_url``, its plain-HTTP one."""

    plain_url = ""


@pytest.fixture
def nginx(live_server, settings):
    """nginx on a free port with the repository's configuration, the test's MEDIA_ROOT and
    the live server as the app."""
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if binary is None:
        pytest.skip("needs nginx (apt-get install nginx-light) to test the media configuration")
    workdir = Path(tempfile.mkdtemp(prefix="editorial-nginx-"))
    port, plain_port = free_port(), free_port()
    subprocess.run(  # noqa: S603 - a throw-away certificate for the test's own server
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=127.0.0.1", "-keyout", workdir / "key.pem", "-out", workdir / "cert.pem"],
        check=True,
        capture_output=True,
    )
    site = (
        CONFIG.read_text()
        .replace("/srv/editorial/media/", f"{Path(settings.MEDIA_ROOT).resolve()}/")
        .replace("127.0.0.1:6081", live_server.url.removeprefix("http://"))
        .replace("/etc/letsencrypt/live/news.example.com/fullchain.pem", str(workdir / "cert.pem"))
        .replace("/etc/letsencrypt/live/news.example.com/privkey.pem", str(workdir / "key.pem"))
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl http2;")
        .replace("listen 80;", f"listen 127.0.0.1:{plain_port};")
        .replace("listen [::]:443 ssl http2;", "")
        .replace("listen [::]:80;", "")
    )
    (workdir / "site.conf").write_text(site)
    temp = workdir / "tmp"
    (workdir / "nginx.conf").write_text(
        f"""daemon off;
user root;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {temp};
    proxy_temp_path {temp};
    fastcgi_temp_path {temp};
    uwsgi_temp_path {temp};
    scgi_temp_path {temp};
    include {workdir}/site.conf;
}}
"""
    )
    process = subprocess.Popen(  # noqa: S603 - our own arguments and files
        [binary, "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = Served(f"https://127.0.0.1:{port}")
    url.plain_url = f"http://127.0.0.1:{plain_port}"
    try:
        for _ in range(READY_ATTEMPTS):
            if process.poll() is not None:
                pytest.fail(f"nginx exited: {process.stderr.read().decode()}")
            try:
                fetch(f"{url}/media/")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("nginx did not answer")
        yield url
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def root_collection():
    # A transactional test starts from an empty database, without the migrations' root.
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def document_in(collection, content):
    document = get_document_model()(title="Board minutes", collection=collection)
    document.file.save("minutes.txt", ContentFile(content))
    document.save()
    return document


def test_plain_http_is_redirected_to_https(nginx):
    with open_unfollowed(f"{nginx.plain_url}/networking/") as response:
        assert response.status == 301
        assert response.headers["Location"] == "https://127.0.0.1/networking/"


def test_images_are_served_from_the_media_directory(nginx):
    image = ImageFactory()
    rendition = image.get_rendition("width-10")

    status, body = fetch(f"{nginx}{image.file.url}")
    assert status == 200
    assert body == Path(image.file.path).read_bytes()
    assert fetch(f"{nginx}{rendition.url}")[0] == 200


def test_a_private_document_is_not_reachable_by_its_file_path(nginx):
    private = root_collection().add_child(name="Board")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = document_in(private, b"secret minutes")
    assert Path(document.file.path).read_bytes() == b"secret minutes"
    assert document.file.url.startswith("/media/documents/")

    by_path = fetch(f"{nginx}{document.file.url}")
    through_wagtail = fetch(f"{nginx}{document.url}")

    assert by_path[0] == 404
    assert b"secret minutes" not in by_path[1]
    assert through_wagtail[0] == 302
    assert b"secret minutes" not in through_wagtail[1]


def test_a_public_document_is_served_through_wagtails_view(nginx):
    document = document_in(root_collection(), b"public minutes")

    status, body = fetch(f"{nginx}{document.url}")

    assert status == 200
    assert body == b"public minutes"
