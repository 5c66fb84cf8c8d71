"""Uploads that could hurt readers or the server are refused or served inertly."""

import io
import os
import struct
import zlib

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

SVG_WITH_SCRIPT = b"""<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">
<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>"""


def image_file(name, size, mode="RGB", image_format="PNG"):
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload_image(admin_client, upload):
    return admin_client.post(
        reverse("wagtailimages:add"), {"title": "Upload", "file": upload, "collection": 1}
    )


@pytest.mark.django_db
def test_ordinary_image_is_accepted(admin_client):
    response = upload_image(admin_client, image_file("photo.png", (64, 48)))

    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Upload").exists()


@pytest.mark.django_db
def test_image_over_the_size_limit_is_refused_with_a_form_error(admin_client):
    side = int((settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE / 3) ** 0.5) + 64
    noise = PILImage.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG", compress_level=0)
    assert len(buffer.getvalue()) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE

    response = upload_image(admin_client, SimpleUploadedFile("huge.png", buffer.getvalue()))

    assert response.status_code == 200
    assert "too big" in " ".join(response.context["form"].errors["file"]).lower()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_decompression_bomb_is_refused(admin_client):
    # A few kilobytes on disk that would need far more memory than allowed once decoded.
    pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS + 1_000_000
    bomb = image_file("bomb.png", (pixels // 5000 + 1, 5000), mode="1")
    assert bomb.size < 1_000_000

    response = upload_image(admin_client, bomb)

    assert response.status_code == 200
    assert "pixels" in " ".join(response.context["form"].errors["file"]).lower()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_svg_with_script_is_refused_as_image(admin_client):
    response = upload_image(
        admin_client, SimpleUploadedFile("logo.svg", SVG_WITH_SCRIPT, "image/svg+xml")
    )

    assert response.status_code == 200
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [("page.html", b"<script>alert(1)</script>"), ("logo.svg", SVG_WITH_SCRIPT)],
)
def test_active_documents_are_refused(admin_client, name, content):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Doc", "file": SimpleUploadedFile(name, content), "collection": 1},
    )

    assert response.status_code == 200
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_allowed_document_is_served_so_that_no_script_can_run(admin_client, client):
    admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Notes",
            "file": SimpleUploadedFile("notes.txt", b"<script>alert(1)</script>"),
            "collection": 1,
        },
    )
    document = get_document_model().objects.get(title="Notes")
    admin_client.logout()

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response["Content-Type"].startswith("text/html")


def giant_png(width=30_000, height=30_000):
    """A valid PNG of a few dozen bytes whose header announces ``width`` × ``height`` pixels:
    Pillow refuses to open it at all (more than twice its own pixel limit)."""
    buffer = io.BytesIO()
    PILImage.new("1", (1, 1)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    # The IHDR chunk: length (4 bytes) and type (4) after the 8-byte signature, then the data.
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return SimpleUploadedFile("giant.png", bytes(data), "image/png")


@pytest.mark.django_db
def test_an_image_pillow_will_not_open_is_a_form_error_in_the_image_form(admin_client):
    response = upload_image(admin_client, giant_png())

    assert response.status_code == 200
    assert "too many pixels" in " ".join(response.context["form"].errors["file"]).lower()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_pillow_will_not_open_is_refused_by_the_multiple_uploader(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": giant_png(), "collection": 1}
    )

    assert response.status_code == 200
    result = response.json()
    assert result["success"] is False
    assert "too many pixels" in result["error_message"].lower()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_pillow_will_not_open_is_a_form_error_in_the_chooser_upload(admin_client):
    response = admin_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Giant",
            "image-chooser-upload-file": giant_png(),
            "image-chooser-upload-collection": 1,
        },
    )

    assert response.status_code == 200
    assert "too many pixels" in response.content.decode().lower()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_ordinary_images_still_upload_through_the_multiple_uploader(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": image_file("photo.png", (64, 48)), "collection": 1},
    )

    assert response.json()["success"] is True
    assert get_image_model().objects.get().width == 64
