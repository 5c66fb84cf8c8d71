import io
import json
import logging
import random
import secrets
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Revision, Site

from editorial.content.addresses import public_url
from editorial.content.models import ArticleBody, ArticlePage, Author, HomePage, SectionPage
from editorial.corrections.models import ArticleCorrection
from editorial.importing.build import import_document
from editorial.importing.sources import read_source
from editorial.management.illustrations import illustration, portrait
from editorial.management.progress import Progress
from editorial.planning.models import Assignment
from editorial.readership.models import ArticleDailyViews
from editorial.roles import GROUP_AUTHORS, GROUP_EDITORS

DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "demo"
# Demo users and the groups (created by migration 0004) that give them their role.
DEMO_USERS = [
    ("admin", None, "Ada", "Admin"),
    ("editor", GROUP_EDITORS, "Eddie", "Editor"),
    ("author", GROUP_AUTHORS, "Maya", "Okafor"),
]
# What each demo user may do, for the block that ends the command.
DEMO_ROLES = {
    "admin": "administrator: everything, including users, groups and settings",
    "editor": "editor: reviews, approves, schedules and publishes articles; plans the desk",
    "author": "author (Maya Okafor): writes articles and submits them for review",
}
# Days of reader history so that trending means something on a fresh install; the seed
# article is read the most, so it carries the "Trending" badge.
VIEW_HISTORY_DAYS = 30
SEED_SLUG = "is-buying-linkedin-connections-ethical"
DRAFTING_TIME = timedelta(hours=1)


def load_json(name):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def generated_image(title, draw, *args):
    """The image ``title``, drawn by ``draw(*args)`` the first time it is asked for."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    draw(*args).save(buffer, format="PNG")
    image = Image(title=title, description=title)
    image.file = ImageFile(buffer, name=f"{title.lower().replace(' ', '-')[:60]}.png")
    image.save()
    return image


@contextmanager
def quiet_app_log(verbosity):
    """Keep the app's INFO lines (a cache invalidation per publication) off the demo's
    screen, unless ``--verbosity 2`` asks for them."""
    app_log = logging.getLogger("editorial")
    level = app_log.level
    if verbosity < 2:
        app_log.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        app_log.setLevel(level)


def backdate(page, published, published_at):
    """Date ``page``'s history as if it had been drafted an hour before ``published_at``
    and ``published``, its revision, had been published then, so that the admin's
    "Recently published" panel and history view agree with the date readers see, instead
    of showing every article as published a moment ago."""
    drafted_at = published_at - DRAFTING_TIME
    revisions = Revision.objects.for_instance(page)
    revisions.update(created_at=drafted_at)
    revisions.filter(pk=published.pk).update(created_at=published_at)
    history = PageLogEntry.objects.filter(page=page)
    history.update(timestamp=drafted_at)
    history.filter(action="wagtail.publish").update(timestamp=published_at)
    type(page).objects.filter(pk=page.pk).update(
        last_published_at=published_at, latest_revision_created_at=published_at
    )
    # Stored at publication with the date it really had, it is rendered again when read.
    ArticleBody.objects.filter(article_id=page.pk).delete()


class Command(BaseCommand):
    help = (
        "Load the demo publication: sections, authors with photos, tags, the seed article "
        "with its alternatives, two dozen further articles, 30 days of reader views, a "
        "front page composed of a lead story, lists and section rows, and demo users. "
        "Running it again adds only what is missing. Demo users are created only with "
        "DEBUG on, or with --users. The Wagtail site takes its host name and port from "
        "BASE_URL, and the command ends with the site's and the admin's addresses and the "
        "demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--users",
            action="store_true",
            help="create the demo users even with DEBUG off (never on a public site)",
        )
        parser.add_argument("--no-users", action="store_true", help="do not create the demo users")

    def handle(self, *args, users=False, no_users=False, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise CommandError(
                "the default site's root is not a HomePage; run 'manage.py migrate' first"
            )
        summary = {
            "sections": 0,
            "authors": 0,
            "articles": 0,
            "alternatives": 0,
            "views": 0,
            "assignments": 0,
            "corrections": 0,
            "users": [],
        }
        with quiet_app_log(options["verbosity"]), transaction.atomic():
            self.address_site(site)
            sections = self.load_sections(home, summary)
            authors = self.load_authors(summary)
            self.load_articles(sections, authors, summary)
            self.load_views(summary)
            self.load_desk(sections, authors, summary)
            self.compose_front_page(home, sections)
        if not no_users and (settings.DEBUG or users):
            summary["users"] = self.load_users(authors)

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {summary['sections']} sections, {summary['authors']} "
                f"authors, {summary['articles']} articles, {summary['alternatives']} "
                f"alternatives, {summary['views']} daily view counts, "
                f"{summary['assignments']} assignments and {summary['corrections']} "
                "corrections added."
            )
        )
        self.write_welcome(summary["users"])

    def write_welcome(self, users):
        """Where to go and how to sign in, as the last thing before the server starts."""
        rule = "-" * 72
        lines = [
            rule,
            f"{settings.WAGTAIL_SITE_NAME} is ready.",
            f"  Site:   {public_url('/')}",
            f"  Admin:  {public_url(reverse('wagtailadmin_home'))}",
        ]
        if users:
            new = [username for username, password in users if password]
            lines += ["", "  Sign in to the admin as:" if new else "  Demo users:"]
            width = max(len(username) for username, _ in users)
            for username, password in users:
                login = f"{username:<{width}}  {password}" if password else f"{username:<{width}}"
                lines.append(f"    {login}  {DEMO_ROLES[username]}")
            if len(new) < len(users):
                lines += [
                    "",
                    "  Users without a password here already existed; their passwords were",
                    "  shown when they were created. To set a new one:",
                    "    .venv/bin/python manage.py changepassword editor",
                ]
        lines.append(rule)
        self.stdout.write("\n".join(lines))

    def address_site(self, site):
        """The Wagtail site at ``BASE_URL``'s host and port, so that Settings → Sites and
        whatever Wagtail addresses from the site agree with the links the site gives out."""
        address = urlsplit(settings.BASE_URL)
        site.hostname = address.hostname
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.save(update_fields=["hostname", "port"])

    def load_sections(self, home, summary):
        sections = {}
        for data in load_json("sections.json"):
            section = SectionPage.objects.child_of(home).filter(slug=data["slug"]).first()
            if section is None:
                section = SectionPage(title=data["title"], slug=data["slug"], intro=data["intro"])
                home.add_child(instance=section)
                section.save_revision().publish()
                summary["sections"] += 1
            sections[data["slug"]] = section
        return sections

    def load_authors(self, summary):
        authors = {}
        for data in load_json("authors.json"):
            author = Author.objects.filter(slug=data["slug"]).first()
            if author is None:
                author = Author.objects.create(
                    name=data["name"],
                    slug=data["slug"],
                    role=data["role"],
                    bio=data["bio"],
                    photo=generated_image(
                        f"Portrait of {data['name']}", portrait, data["name"], (400, 400)
                    ),
                )
                author.save_revision().publish()
                summary["authors"] += 1
            authors[data["slug"]] = author
        return authors

    def load_articles(self, sections, authors, summary):
        catalogue = load_json("catalogue.json")
        progress = Progress(self.stdout, len(catalogue), "Articles")
        now = timezone.now()
        for entry in catalogue:
            section = sections[entry["section"]]
            source = read_source(DEMO_DIR / "articles" / entry["file"])
            document = source.document
            slug = Path(entry["file"]).stem
            if ArticlePage.objects.child_of(section).filter(slug=slug).exists():
                progress.step(f"{document.title} (already there)")
                continue
            result = import_document(
                document,
                section=section,
                authors=[authors[slug] for slug in entry["authors"]],
                tags=entry["tags"],
                slug=slug,
                standfirst=entry["standfirst"],
                source_name=source.name,
                source_fingerprint=source.fingerprint,
            )
            for alternative in result.alternatives_created:
                alternative.save_revision().publish()
            summary["alternatives"] += len(result.alternatives_created)
            page = result.page
            page.hero_image = generated_image(
                f"Illustration for {document.title}"[:255],
                illustration,
                entry["section"],
                document.title,
                (1280, 720),
            )
            page.hero_alt = entry.get("hero_alt", "")
            published_at = now - timedelta(days=entry["days_ago"])
            page.first_published_at = published_at
            revision = page.save_revision()
            revision.publish()
            backdate(page, revision, published_at)
            summary["articles"] += 1
            progress.step(document.title)

    def load_views(self, summary):
        """Daily views for the last days: each article is read most when new, less at
        weekends, with a repeatable jitter; days that already have a count are kept."""
        today = timezone.localdate()
        rows = []
        for article in ArticlePage.objects.live().only("pk", "slug", "first_published_at"):
            jitter = random.Random(article.slug)  # noqa: S311 (demo figures, not secrets)
            popularity = 2000 if article.slug == SEED_SLUG else jitter.randint(60, 600)
            published = timezone.localdate(article.first_published_at or timezone.now())
            for age in range(VIEW_HISTORY_DAYS):
                day = today - timedelta(days=age)
                if day < published:
                    break
                freshness = 0.15 + 0.8 ** (day - published).days
                weekday = 0.6 if day.weekday() >= 5 else 1.0
                views = popularity * freshness * weekday * jitter.uniform(0.8, 1.2)
                rows.append(ArticleDailyViews(article=article, day=day, views=max(1, int(views))))
        before = ArticleDailyViews.objects.count()
        ArticleDailyViews.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
        summary["views"] = ArticleDailyViews.objects.count() - before

    def load_desk(self, sections, authors, summary):
        """Assignments (one overdue) and published corrections, so that the calendar, the
        dashboard and the corrections page show something on a fresh install."""
        desk = load_json("desk.json")
        today = timezone.localdate()
        for data in desk["assignments"]:
            if Assignment.objects.filter(working_title=data["working_title"]).exists():
                continue
            assignment = Assignment.objects.create(
                working_title=data["working_title"],
                section=sections[data["section"]],
                due_date=today + timedelta(days=data["due_in_days"]),
                status=data["status"],
                notes=data["notes"],
            )
            assignment.assignees.set([authors[slug] for slug in data["assignees"]])
            summary["assignments"] += 1
        for data in desk["corrections"]:
            article = ArticlePage.objects.get(slug=data["article"])
            _, created = ArticleCorrection.objects.get_or_create(
                page=article,
                note=data["note"],
                defaults={
                    "kind": data["kind"],
                    "published_at": timezone.now() - timedelta(days=data["days_ago"]),
                },
            )
            summary["corrections"] += created

    def compose_front_page(self, home, sections):
        """The front page as an editor composes it (``demo/front_page.json``): the seed
        article as the lead story, the lists beside it, a row per section. A front page
        composed already is left as it is."""
        if home.body:
            return
        body = []
        for block in load_json("front_page.json"):
            kind = block["type"]
            if kind == "lead_story":
                value = {"article": ArticlePage.objects.get(slug=block["article"]).pk}
            elif kind == "section_row":
                value = {"section": sections[block["section"]].pk}
            else:
                value = {"heading": block["heading"], "count": block["count"], "section": None}
            body.append({"type": kind, "value": value, "id": str(uuid.uuid4())})
        home.body = body
        home.save_revision().publish()

    def load_users(self, authors):
        User = get_user_model()
        created = []
        for username, group_name, first_name, last_name in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            password = None
            if user is None:
                password = secrets.token_urlsafe(9)
                user = User.objects.create_user(
                    username=username,
                    email=f"{username}@example.com",
                    password=password,
                    first_name=first_name,
                    last_name=last_name,
                    is_superuser=group_name is None,
                    is_staff=group_name is None,
                )
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            created.append((username, password))
        author = authors.get("maya-okafor")
        if author and author.user_id is None:
            author.user = User.objects.get(username="author")
            author.save(update_fields=["user"])
        return created
