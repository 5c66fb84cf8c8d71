"""Save an ``ImportedDocument`` as a draft article; never publish anything."""

import re
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import escape
from django.utils.text import Truncator, slugify

from editorial.models import Alternative, ArticleAuthor, ArticlePage

STANDFIRST_MAX = 300


def normalise_title(title):
    """Case- and punctuation-insensitive key, so "Engage actively!" matches "Engage Actively"."""
    return " ".join(re.sub(r"[^\w\s]", " ", title.casefold()).split())


@dataclass
class ImportResult:
    page: ArticlePage
    created: bool
    blocks: dict[str, int] = field(default_factory=dict)
    alternatives_matched: int = 0
    alternatives_created: list[Alternative] = field(default_factory=list)


def resolve_alternatives(points, user, result):
    """Match each point to an existing snippet by title; unmatched ones become drafts."""
    known = {normalise_title(alt.title): alt for alt in Alternative.objects.all()}
    resolved = []
    for point in points:
        alternative = known.get(normalise_title(point.title))
        if alternative is None:
            alternative = Alternative(
                title=point.title, summary=f"<p>{escape(point.text)}</p>", live=False
            )
            alternative.save()
            alternative.save_revision(user=user, log_action=True)
            known[normalise_title(point.title)] = alternative
            result.alternatives_created.append(alternative)
        else:
            result.alternatives_matched += 1
        resolved.append(alternative)
    return resolved


def list_items(values):
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def stream_block(document_block, user, result):
    kind = document_block.kind
    if kind == "heading":
        value = {"text": document_block.text, "anchor": ""}
    elif kind == "paragraph":
        value = document_block.html
    elif kind == "key_points":
        value = {
            "points": list_items(
                {"title": point.title, "text": f"<p>{escape(point.text)}</p>"}
                for point in document_block.points
            )
        }
    elif kind == "alternatives":
        alternatives = resolve_alternatives(document_block.points, user, result)
        value = {
            "heading": "",
            "intro": document_block.html,
            "alternatives": list_items(alternative.pk for alternative in alternatives),
        }
    else:
        raise ValueError(f"unknown block kind {kind!r}")
    result.blocks[kind] = result.blocks.get(kind, 0) + 1
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def default_standfirst(document):
    first = document.first_paragraph_text()
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return Truncator(sentence).chars(STANDFIRST_MAX)


@transaction.atomic
def import_document(document, *, section, authors, tags=(), slug=None, standfirst=None, user=None):
    """Create the article as a draft under ``section`` with a first revision.

    Runs in one transaction, so a failure leaves neither a page nor new snippets behind.
    """
    result = ImportResult(page=None, created=True)
    page = ArticlePage(
        title=document.title,
        slug=slug or slugify(document.title),
        standfirst=standfirst or default_standfirst(document),
        live=False,
        owner=user,
    )
    page.body = [stream_block(block, user, result) for block in document.blocks]
    page.article_authors = [ArticleAuthor(author=author) for author in authors]
    page.tags.add(*tags)
    section.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    result.page = page
    return result
