"""Media in S3-compatible object storage (django-storages), configured by environment
variables, against a local S3 API server (moto in server mode on loopback): uploads and
their renditions go to the bucket, and pages link to images the bucket serves."""

import io
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from wagtail.documents import get_document_model

import pytest
from PIL import Image as PILImage

from config.settings.base import media_origin, media_storage

from ..factories import ArticleFactory, ImageFactory
from ..gunicorn_server import free_port

BUCKET = "newsroom-media"
# What the README asks of a bucket: anyone may read images, nobody else documents.
PUBLIC_IMAGES = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": [
                f"arn:aws:s3:::{BUCKET}/images/*",
                f"arn:aws:s3:::{BUCKET}/original_images/*",
            ],
        }
    ],
}

boto3 = pytest.importorskip("boto3", reason="needs boto3 (django-storages[s3])")
moto_server = pytest.importorskip("moto.server", reason="needs moto[server] (the test extra)")


@pytest.fixture
def s3_endpoint():
    """A local S3 API with an empty bucket; its address."""
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = s3_client(endpoint)
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_IMAGES))
    yield endpoint
    server.stop()


def environment(endpoint, **more):
    return {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        **more,
    }


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106
        region_name="us-east-1",
    )


def bucket_keys(endpoint):
    listing = s3_client(endpoint).list_objects_v2(Bucket=BUCKET)
    return [item["Key"] for item in listing.get("Contents", [])]


def test_media_is_on_the_local_disk_without_a_bucket():
    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media_origin(media_storage({})) is None


def test_a_custom_domain_makes_the_addresses_and_the_allowed_image_origin(s3_endpoint):
    config = media_storage(environment(s3_endpoint, AWS_S3_CUSTOM_DOMAIN="media.example.com"))

    storage = storages.create_storage(config)

    assert storage.url("images/desk.width-800.png") == (
        "https://media.example.com/images/desk.width-800.png"
    )
    assert media_origin(config) == "https://media.example.com"
    assert media_origin(media_storage(environment(s3_endpoint))) == s3_endpoint


@pytest.mark.django_db
def test_images_and_renditions_are_stored_in_and_served_from_the_bucket(
    client, section, settings, s3_endpoint
):
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(environment(s3_endpoint))}
    image = ImageFactory(title="Desk by the window")
    article = ArticleFactory(parent=section, hero_image=image, hero_alt="A desk")

    html = client.get(article.url).content.decode()

    prefix = re.escape(f"{s3_endpoint}/{BUCKET}/")
    sources = re.findall(rf'<img[^>]* src="({prefix}images/[^"]+)"', html)
    assert sources, "the article shows no rendition from the bucket"
    with urllib.request.urlopen(sources[0], timeout=10) as response:  # noqa: S310 (loopback)
        assert response.status == 200
        picture = PILImage.open(io.BytesIO(response.read()))
    assert picture.width > 0
    keys = bucket_keys(s3_endpoint)
    assert image.file.name in keys
    assert any(key.startswith("images/") for key in keys)
    assert not (Path(settings.MEDIA_ROOT) / image.file.name).exists()


@pytest.mark.django_db
def test_documents_in_the_bucket_are_served_by_wagtails_view_only(client, settings, s3_endpoint):
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(environment(s3_endpoint))}
    document = get_document_model()(title="Board minutes")
    document.file.save("minutes.txt", ContentFile(b"public minutes"))
    document.save()

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(document.file.url, timeout=10)  # noqa: S310 (loopback)
    through_wagtail = client.get(document.url)

    assert refused.value.code == 403
    assert through_wagtail.status_code == 200
    assert b"".join(through_wagtail.streaming_content) == b"public minutes"
