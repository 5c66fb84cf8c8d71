"""Save an ``ImportedDocument`` as a draft article; never publish anything.

Each import is recorded in the page's history as an ``editorial.import`` entry holding
the revision it saved and a fingerprint of what was imported. A later import of the same
article compares the page's latest revision with that entry: if anyone saved the page
since, their work wins unless the import is forced.
"""

import functools
import hashlib
import json
import logging
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from editorial.content.models import Alternative, ArticleAuthor, ArticlePage

STANDFIRST_MAX = 300
IMPORT_ACTION = "editorial.import"
STATUS_LABELS = {
    "created": _("created"),
    "updated": _("updated"),
    "unchanged": _("unchanged"),
    "skipped": _("skipped"),
}

logger = logging.getLogger(__name__)


def normalise_title(title):
    """Case- and punctuation-insensitive key, so "Engage actively!" matches "Engage Actively"."""
    return " ".join(re.sub(r"[^\w\s]", " ", title.casefold()).split())


@dataclass
class ImportResult:
    """What one import did: ``status`` is created, updated, unchanged or skipped."""

    page: ArticlePage | None
    status: str
    reason: str = ""
    blocks: Counter = field(default_factory=Counter)
    alternatives_matched: int = 0
    alternatives_created: list[Alternative] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)
    dropped: int = 0

    @property
    def saved(self):
        return self.status in ("created", "updated")

    def summary(self):
        blocks = ", ".join(f"{kind} {count}" for kind, count in sorted(self.blocks.items()))
        parts = [
            gettext("%(status)s: %(count)d blocks (%(kinds)s)")
            % {
                "status": STATUS_LABELS[self.status],
                "count": sum(self.blocks.values()),
                "kinds": blocks or gettext("none"),
            }
        ]
        if self.saved:
            parts.append(
                gettext("alternatives %(matched)d matched, %(new)d new")
                % {"matched": self.alternatives_matched, "new": len(self.alternatives_created)}
            )
        if self.dropped:
            parts.append(
                gettext("%(count)d navigation leftovers dropped") % {"count": self.dropped}
            )
        if self.markers:
            parts.append(
                gettext("reported, not imported: %(markers)s marker")
                % {"markers": ", ".join(sorted(self.markers))}
            )
        if self.reason:
            parts.append(self.reason)
        return "; ".join(parts)


def resolve_alternatives(points, user, result):
    """Match each point to an existing snippet by title; unmatched ones become drafts."""
    known = {normalise_title(alt.title): alt for alt in Alternative.objects.all()}
    resolved = []
    for point in points:
        alternative = known.get(normalise_title(point.title))
        if alternative is None:
            alternative = Alternative(title=point.title, summary=point.html, live=False)
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


def stream_block(document_block, user, result, image_for=None):
    """The body stream item for ``document_block``, or None for an image ``image_for``
    (a callable from the block to a Wagtail image) cannot supply."""
    kind = document_block.kind
    if kind == "image":
        image = image_for(document_block) if image_for else None
        if image is None:
            return None
        value = {
            "image": {"image": image.pk, "alt_text": document_block.alt, "decorative": False},
            "caption": document_block.text,
        }
    elif kind == "embed":
        value = {"embed": document_block.source, "caption": document_block.text}
    elif kind == "heading":
        value = {"text": document_block.text, "anchor": ""}
    elif kind == "paragraph":
        value = document_block.html
    elif kind == "quote":
        value = {"quote": document_block.text, "attribution": document_block.attribution}
    elif kind == "key_points":
        value = {
            "points": list_items(
                {"title": point.title, "text": point.html} for point in document_block.points
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
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def default_standfirst(document):
    first = document.first_paragraph_text()
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return Truncator(sentence).chars(STANDFIRST_MAX) or document.title[:STANDFIRST_MAX]


def article_slug(title):
    return slugify(title, allow_unicode=True)[:255] or "imported-article"


def last_import(page):
    return (
        PageLogEntry.objects.filter(page=page, action=IMPORT_ACTION)
        .order_by("-timestamp", "-pk")
        .first()
    )


def edited_since(page, entry):
    """Saved by anyone since ``entry``: a newer revision, or the imported one overwritten."""
    return page.latest_revision_id != entry.revision_id or page.latest_revision_created_at != (
        parse_datetime(entry.data.get("revision_created_at", ""))
    )


def refusal(page, entry):
    """Why re-importing over ``page`` would lose someone's work, or "" if it would not."""
    if entry is None:
        return gettext(
            "a page with this slug exists that was not imported; use --force to replace it"
        )
    if edited_since(page, entry):
        return gettext("edited in the admin since it was imported; use --force to overwrite")
    return ""


def reimport(page, fingerprint, force):
    """What importing again over ``page`` does, as ``(status, reason)``: "updated", or
    "unchanged" when what is imported has the same ``fingerprint`` as last time, or
    "skipped" with the reason when it would overwrite someone's work and is not forced."""
    if force:
        return "updated", ""
    entry = last_import(page)
    reason = refusal(page, entry)
    if reason:
        return "skipped", reason
    if entry.data.get("fingerprint") == fingerprint:
        return "unchanged", ""
    return "updated", ""


def reported(function):
    """Log one line per import once its transaction is over, whichever way it went: a
    skipped article is an import refused. Callers log the files that raise instead."""

    @functools.wraps(function)
    def import_and_report(document, *, user=None, source_name="", rollback=False, **options):
        result = function(
            document, user=user, source_name=source_name, rollback=rollback, **options
        )
        logger.log(
            logging.WARNING if result.status == "skipped" else logging.INFO,
            "import %s: page %s “%s” from %s by %s%s%s",
            result.status,
            result.page.pk,
            result.page.title,
            source_name or "(unnamed source)",
            user or "a management command",
            f" ({result.reason})" if result.reason else "",
            ", dry run rolled back" if rollback else "",
        )
        return result

    return import_and_report


@reported
@transaction.atomic
def import_document(
    document,
    *,
    section,
    authors,
    tags=(),
    slug=None,
    standfirst=None,
    user=None,
    source_name="",
    source_fingerprint="",
    force=False,
    rollback=False,
):
    """Create or update the draft article for ``document`` under ``section``.

    The article is matched by slug; a match gets a new revision, nothing is published.
    With a ``user`` (an admin upload), a match they may not edit is left alone.
    Runs in one transaction, so a failure leaves neither a page nor new snippets behind;
    ``rollback`` undoes it on purpose, for a dry run.
    """
    slug = slug or article_slug(document.title)
    standfirst = standfirst or default_standfirst(document)
    fingerprint = hashlib.sha256(
        json.dumps(
            [source_fingerprint, [author.pk for author in authors], sorted(tags), standfirst]
        ).encode()
    ).hexdigest()
    found = {
        "blocks": Counter(block.kind for block in document.blocks),
        "markers": document.markers,
        "dropped": len(document.dropped),
    }
    existing = ArticlePage.objects.child_of(section).filter(slug=slug).first()
    if existing is None:
        page = ArticlePage(slug=slug, live=False, owner=user)
        result = ImportResult(page=page, status="created", **found)
    elif user is not None and not existing.permissions_for_user(user).can_edit():
        reason = gettext("an article with this slug exists that you may not edit")
        return ImportResult(page=existing, status="skipped", reason=reason, **found)
    else:
        status, reason = reimport(existing, fingerprint, force)
        if status != "updated":
            return ImportResult(page=existing, status=status, reason=reason, **found)
        page = existing.get_latest_revision_as_object()
        result = ImportResult(page=page, status="updated", **found)

    page.title = document.title
    page.standfirst = standfirst
    page.body = [stream_block(block, user, result) for block in document.blocks]
    page.article_authors = [ArticleAuthor(author=author) for author in authors]
    page.tags.set(list(tags))
    if existing is None:
        section.add_child(instance=page)
    revision = page.save_revision(user=user)
    log(
        instance=page,
        action=IMPORT_ACTION,
        user=user,
        revision=revision,
        content_changed=True,
        data={
            "source": source_name,
            "fingerprint": fingerprint,
            "revision_created_at": revision.created_at.isoformat(),
            "markers": sorted(document.markers),
        },
    )
    if rollback:
        transaction.set_rollback(True)
    return result
