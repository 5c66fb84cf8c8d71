"""Bring a WordPress site's posts in as articles, with their authors, sections, tags,
images, dates and old addresses.

Every post and attachment is recorded with its WordPress id and site
(``WordPressOrigin``), so importing the same export again updates what the last import
made and creates nothing twice. A post whose article someone edited in the admin since
is left alone unless the import is forced, as with ``import_articles``.
"""

import hashlib
import json
import logging
import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Site

from taggit.models import Tag

from editorial.content.images import BoundedImageField
from editorial.content.models import ArticleAuthor, ArticlePage, Author, HomePage, SectionPage

from .build import (
    IMPORT_ACTION,
    STANDFIRST_MAX,
    ImportResult,
    article_slug,
    default_standfirst,
    reimport,
    stream_block,
)
from .models import WordPressOrigin
from .wpmarkup import parse_wordpress

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
# WordPress's resized copies: photo-300x200.jpg is a size of photo.jpg.
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
SKIPPED_STATUSES = {
    "trash": gettext_lazy("in the trash"),
    "auto-draft": gettext_lazy("an unsaved auto-draft"),
    "inherit": gettext_lazy("a revision"),
}
UNCATEGORISED = {"", "uncategorized", "uncategorised"}
SECTION_MODES = ("flatten", "top")

logger = logging.getLogger(__name__)


@dataclass
class Options:
    user: object = None
    publish: bool = False
    sections: str = "flatten"
    default_section: str = "news"
    link_users: bool = False
    media_dir: Path | None = None
    force: bool = False
    dry_run: bool = False
    sticky_days: int = 30


@dataclass
class Report:
    """What an import did, for the closing summary."""

    posts: Counter = field(default_factory=Counter)
    created: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    not_imported: Counter = field(default_factory=Counter)
    failed: int = 0

    def warn(self, message):
        logger.warning("wordpress import: %s", message)
        self.warnings.append(message)

    def lines(self):
        posts = ", ".join(f"{count} {status}" for status, count in sorted(self.posts.items()))
        made = ", ".join(
            f"{self.created[kind]} {kind}"
            for kind in ("authors", "sections", "tags", "images", "redirects")
        )
        lines = [
            _("Posts: %(posts)s; %(failed)d failed.")
            % {"posts": posts or _("none"), "failed": self.failed},
            _("New: %(made)s.") % {"made": made},
        ]
        if self.skipped:
            lines.append(
                _("Skipped: %(reasons)s.")
                % {"reasons": "; ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))}
            )
        if self.not_imported:
            lines.append(
                _("Not imported: %(kinds)s.")
                % {
                    "kinds": ", ".join(
                        f"{n} {kind}" for kind, n in sorted(self.not_imported.items())
                    )
                }
            )
        lines.append(_("Warnings: %(count)d.") % {"count": len(self.warnings)})
        return lines


def unique_slug(base, taken):
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base[:250]}-{number}"
    return slug


def old_paths(post, site_url):
    """The addresses the post had: its permalink's path, and ``/?p=<id>``."""
    paths = [f"/?p={post.wp_id}"]
    link = urlsplit(post.link)
    base = urlsplit(site_url).path.rstrip("/")
    if link.path and link.path.strip("/"):
        path = link.path
        if base and path.startswith(base + "/"):
            path = path[len(base) :]
        paths.insert(0, Redirect.normalise_path(path))
    return paths


class WordPressImport:
    """Import one scanned ``WxrExport``: ``run()`` it and read ``report``."""

    def __init__(self, export, options):
        self.export = export
        self.site = export.site
        self.options = options
        self.report = Report()
        self.authors = {}
        self.sections = {}
        self.tags = {}
        self.images = {}
        self.images_by_file = {}

    # Preparation: everything posts refer to, created once.

    def prepare(self):
        for kind, count in self.site.types.items():
            if kind not in ("post", "attachment"):
                self.report.not_imported[kind] += count
        if self.site.comments:
            self.report.not_imported["comments"] += self.site.comments
        self.home = self.find_home()
        for author in self.site.authors.values():
            self.author(author.login)
        self.import_images()

    def find_home(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        root = site.root_page.specific if site else None
        if isinstance(root, HomePage):
            return root
        home = HomePage.objects.first()
        if home is None:
            raise ValidationError(_("the site has no home page to add sections to"))
        return home

    def author(self, login):
        if login in self.authors:
            return self.authors[login]
        known = self.site.authors.get(login)
        name = (known.display_name if known else "") or login or _("Unknown author")
        slug = slugify(login, allow_unicode=True)[:120] or "wordpress-author"
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            author = Author(name=name[:120], slug=slug)
            self.link_user(author, known)
            author.save()
            self.report.created["authors"] += 1
        elif author.user_id is None and self.link_user(author, known):
            author.save(update_fields=["user"])
        self.authors[login] = author
        return author

    def link_user(self, author, known):
        if not (self.options.link_users and known and known.email):
            return False
        user = (
            get_user_model()
            .objects.filter(email__iexact=known.email, author_profile__isnull=True)
            .first()
        )
        if user is None:
            return False
        author.user = user
        return True

    def section(self, categories):
        """The section of a post's first category (or the default one)."""
        slug = next(
            (c.slug for c in categories if c.slug.lower() not in UNCATEGORISED),
            "",
        )
        if not slug:
            return self.section_page(self.options.default_section, "")
        if self.options.sections == "top":
            seen = set()
            while self.site.categories.get(slug) and self.site.categories[slug].parent:
                if slug in seen:
                    break
                seen.add(slug)
                slug = self.site.categories[slug].parent
        category = self.site.categories.get(slug)
        title = category.name if category else next(c.name for c in categories if c.slug == slug)
        return self.section_page(slug, title)

    def section_page(self, slug, title):
        slug = slugify(slug, allow_unicode=True)[:255] or "news"
        if slug in self.sections:
            return self.sections[slug]
        section = SectionPage.objects.child_of(self.home).filter(slug=slug).first()
        if section is None:
            section = SectionPage(
                title=(title or slug.replace("-", " ").capitalize())[:255],
                slug=slug,
                live=self.options.publish,
                owner=self.options.user,
            )
            self.home.add_child(instance=section)
            revision = section.save_revision(user=self.options.user)
            if self.options.publish:
                revision.publish(user=self.options.user)
            self.report.created["sections"] += 1
        self.sections[slug] = section
        return section

    def tag(self, name):
        name = " ".join(name.split())[:100]
        if name in self.tags:
            return self.tags[name]
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            base = slugify(name, allow_unicode=True)[:90]
            # A name of symbols or emoji has no slug of its own: never leave it empty.
            base = base or "tag-" + hashlib.sha256(name.encode()).hexdigest()[:8]
            taken = set(Tag.objects.filter(slug__startswith=base).values_list("slug", flat=True))
            tag = Tag.objects.create(name=name, slug=unique_slug(base, taken))
            self.report.created["tags"] += 1
        self.tags[name] = tag
        return tag

    # Images

    def attachment_file(self, attachment):
        relative = attachment.file or urlsplit(attachment.url).path.split("/uploads/", 1)[-1]
        if not relative or self.options.media_dir is None:
            return None
        root = self.options.media_dir.resolve()
        path = (root / relative.lstrip("/")).resolve()
        # The export names the file: never read outside the uploads folder.
        if not path.is_relative_to(root):
            return None
        return path

    def import_images(self):
        origins = {
            origin.wp_id: origin.image
            for origin in WordPressOrigin.objects.filter(
                site_url=self.site.base_url, kind=WordPressOrigin.ATTACHMENT
            ).select_related("image")
        }
        for attachment in self.site.attachments.values():
            name = Path(attachment.file or urlsplit(attachment.url).path).name
            if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
                continue
            image = origins.get(attachment.wp_id)
            if image is None:
                image = self.import_image(attachment, name)
            if image is not None:
                self.images[attachment.wp_id] = image
                self.images_by_file[SIZE_SUFFIX.sub("", name)] = image

    def import_image(self, attachment, name):
        if self.options.media_dir is None:
            self.report.skipped[_("images without --media-dir")] += 1
            return None
        path = self.attachment_file(attachment)
        if path is None or not path.is_file():
            self.report.warn(
                _("image %(id)d: file %(file)s is missing from the media folder")
                % {"id": attachment.wp_id, "file": attachment.file or attachment.url}
            )
            return None
        if self.options.dry_run:
            self.report.created["images"] += 1
            return None
        try:
            with transaction.atomic(), path.open("rb") as handle:
                # The admin's upload checks: format, file size and pixel count, an image
                # bomb included, before Wagtail opens the file to measure it.
                BoundedImageField().clean(File(handle, name=name))
                handle.seek(0)
                image = get_image_model()(
                    title=(attachment.title or name)[:255],
                    description=attachment.alt[:255],
                    file=ImageFile(handle, name=name),
                    uploaded_by_user=self.options.user,
                )
                image.save()
                WordPressOrigin.objects.create(
                    site_url=self.site.base_url,
                    kind=WordPressOrigin.ATTACHMENT,
                    wp_id=attachment.wp_id,
                    image=image,
                )
        except (OSError, ValueError, ValidationError) as error:
            reason = "; ".join(getattr(error, "messages", [str(error)]))
            self.report.warn(
                _("image %(id)d: %(file)s cannot be read as an image (%(reason)s)")
                % {"id": attachment.wp_id, "file": name, "reason": reason}
            )
            return None
        self.report.created["images"] += 1
        return image

    def body_image(self, block):
        image = self.images.get(block.source_id) or self.images_by_file.get(
            SIZE_SUFFIX.sub("", Path(urlsplit(block.source).path).name)
        )
        if image is None:
            self.report.warn(
                _("an image in the body was not imported: %(src)s") % {"src": block.source[:200]}
            )
        return image

    # Posts

    def run(self, progress=None):
        """Import every post, each in its own transaction; a dry run rolls all back."""
        with transaction.atomic() if self.options.dry_run else nullcontext():
            self.prepare()
            for post in self.export.posts():
                self.import_post(post)
                if progress:
                    progress.step(post.title[:40] or str(post.wp_id))
            if self.options.dry_run:
                transaction.set_rollback(True)
        return self.report

    def import_post(self, post):
        reason = SKIPPED_STATUSES.get(post.status)
        if reason:
            self.report.skipped[str(reason)] += 1
            return None
        try:
            with transaction.atomic():
                result = self.save_post(post)
        except (ValueError, ValidationError, DatabaseError) as error:
            reason = "; ".join(getattr(error, "messages", [str(error)]))
            self.report.failed += 1
            self.report.warn(
                _("post %(id)d “%(title)s”: %(reason)s")
                % {"id": post.wp_id, "title": post.title[:80], "reason": reason}
            )
            return None
        self.report.posts[result.status] += 1
        if result.status == "skipped":
            self.report.skipped[result.reason] += 1
        return result

    def save_post(self, post):
        document, shortcodes = parse_wordpress(post.title, post.content)
        if shortcodes:
            self.report.warn(
                _("post %(id)d: %(count)d shortcodes left out")
                % {"id": post.wp_id, "count": shortcodes}
            )
        section = self.section(post.categories)
        authors = [self.author(post.creator)] if post.creator else []
        tags = [self.tag(name) for name in post.tags if name.strip()]
        standfirst = Truncator(" ".join(strip_tags(post.excerpt).split())).chars(STANDFIRST_MAX)
        standfirst = standfirst or default_standfirst(document)
        hero = self.images.get(int(post.meta.get("_thumbnail_id") or 0))
        go_live = self.options.publish and post.status == "publish" and not post.password
        fingerprint = hashlib.sha256(
            json.dumps(
                [
                    post.title,
                    post.content,
                    standfirst,
                    post.creator,
                    sorted(post.tags),
                    section.pk,
                    hero.pk if hero else None,
                    go_live,
                    post.sticky,
                ]
            ).encode()
        ).hexdigest()
        found = {"blocks": Counter(block.kind for block in document.blocks)}

        origin = (
            WordPressOrigin.objects.filter(
                site_url=self.site.base_url, kind=WordPressOrigin.POST, wp_id=post.wp_id
            )
            .select_related("page")
            .first()
        )
        existing = origin.page if origin else None
        if existing is None:
            taken = set(ArticlePage.objects.child_of(section).values_list("slug", flat=True))
            slug = unique_slug(article_slug(post.slug or post.title), taken)
            page = ArticlePage(slug=slug, live=False, owner=self.options.user)
            result = ImportResult(page=page, status="created", **found)
        else:
            status, reason = reimport(existing, fingerprint, self.options.force)
            if status != "updated":
                return ImportResult(page=existing, status=status, reason=reason, **found)
            page = existing.get_latest_revision_as_object()
            result = ImportResult(page=page, status="updated", **found)

        page.title = document.title
        page.standfirst = standfirst
        page.body = [
            item
            for item in (
                stream_block(block, self.options.user, result, self.body_image)
                for block in document.blocks
            )
            if item is not None
        ]
        page.article_authors = [ArticleAuthor(author=author) for author in authors]
        page.tags.set(tags)
        page.hero_image = hero
        attachment = self.site.attachments.get(int(post.meta.get("_thumbnail_id") or 0))
        page.hero_alt = (attachment.alt if hero and attachment else "")[:255]
        if post.date and post.status == "publish":
            page.first_published_at = post.date
        if post.sticky:
            page.trending_pinned_until = timezone.now() + timedelta(days=self.options.sticky_days)
        if existing is None:
            section.add_child(instance=page)
            WordPressOrigin.objects.create(
                site_url=self.site.base_url, kind=WordPressOrigin.POST, wp_id=post.wp_id, page=page
            )
        revision = page.save_revision(user=self.options.user)
        notes = []
        if post.password:
            notes.append(_("password-protected in WordPress; kept as a draft"))
        if post.status == "private":
            notes.append(_("private in WordPress; kept as a draft"))
        for note in notes:
            self.report.warn(_("post %(id)d: %(note)s") % {"id": post.wp_id, "note": note})
        log(
            instance=page,
            action=IMPORT_ACTION,
            user=self.options.user,
            revision=revision,
            content_changed=True,
            data={
                "source": _("WordPress post %(id)d of %(site)s")
                % {"id": post.wp_id, "site": self.site.base_url},
                "fingerprint": fingerprint,
                "revision_created_at": revision.created_at.isoformat(),
                "markers": [],
                "notes": notes,
                "published_without_review": go_live,
            },
        )
        if go_live:
            revision.publish(user=self.options.user)
        self.redirect(post, page)
        return result

    def redirect(self, post, page):
        page_path = urlsplit(page.get_url() or "").path.rstrip("/")
        for path in old_paths(post, self.site.base_url):
            if path.rstrip("/") == page_path:
                continue
            _unused, created = Redirect.objects.update_or_create(
                old_path=path,
                site=None,
                defaults={"redirect_page": page, "is_permanent": True},
            )
            self.report.created["redirects"] += created
