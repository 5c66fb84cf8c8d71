import logging
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from editorial.importing.indexing import indexing_deferred
from editorial.importing.wordpress import SECTION_MODES, Options, WordPressImport
from editorial.importing.wxr import WxrError, WxrExport
from editorial.management.progress import Progress

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.0-1.2, from Tools > Export in WordPress): authors, "
        "categories as sections, tags, posts as articles, images from a local copy of the "
        "uploads folder, and a permanent redirect from every old post address. Posts come in "
        "as drafts for review unless --publish is given by an administrator. Importing the "
        "same export again updates what it created; articles edited in the admin since are "
        "left alone unless --force. Pages, comments, menus and custom post types are counted, "
        "not imported. The file is read as a stream, so any size of archive fits in memory."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", metavar="EXPORT.xml", help="the WordPress export file")
        parser.add_argument(
            "--media-dir",
            type=Path,
            metavar="PATH",
            help="a local copy of the site's wp-content/uploads folder; nothing is downloaded",
        )
        parser.add_argument(
            "--sections",
            choices=SECTION_MODES,
            default="flatten",
            help="flatten: every category is a section of its own (the default); top: posts "
            "in a nested category go to the section of its top-level category",
        )
        parser.add_argument(
            "--default-section",
            default="news",
            metavar="SLUG",
            help="section for uncategorised posts (created if missing; default: news)",
        )
        parser.add_argument(
            "--link-users",
            action="store_true",
            help="link each author profile to the user account with the same email address",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish posts that are published in WordPress, bypassing the review "
            "workflow; needs --user naming an administrator, and the audit log records it",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="the account the import is recorded under (an administrator, for --publish)",
        )
        parser.add_argument(
            "--sticky-days",
            type=int,
            default=30,
            metavar="DAYS",
            help="sticky posts are pinned to the front page's trending list this long",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite articles that were edited in the admin since they were imported",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read everything and report what would happen, then roll it all back",
        )

    def handle(self, *args, export, user, publish, dry_run, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"no user named {user!r}")
        if publish and not (account and account.is_superuser):
            raise CommandError("--publish bypasses review: it needs --user naming an administrator")
        media_dir = options["media_dir"]
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder")
        wxr = WxrExport(export)
        try:
            site = wxr.scan()
        except WxrError as error:
            logger.warning("wordpress import refused: %s: %s", export, error)
            raise CommandError(f"{export}: {error}") from error
        self.stdout.write(
            f"{site.title or site.base_url}: WXR {site.version}, "
            f"{site.types.get('post', 0)} posts, {len(site.attachments)} attachments, "
            f"{len(site.authors)} authors, {len(site.categories)} categories, "
            f"{len(site.tags)} tags"
        )
        importer = WordPressImport(
            wxr,
            Options(
                user=account,
                publish=publish,
                sections=options["sections"],
                default_section=options["default_section"],
                link_users=options["link_users"],
                media_dir=media_dir,
                force=options["force"],
                dry_run=dry_run,
                sticky_days=options["sticky_days"],
            ),
        )
        progress = Progress(self.stdout, site.types.get("post", 0), "Importing")
        try:
            with indexing_deferred():
                report = importer.run(progress)
        except WxrError as error:
            raise CommandError(f"{export}: {error}") from error
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        if dry_run:
            self.stdout.write("Dry run, nothing saved.")
        for line in report.lines():
            self.stdout.write(line)
        if report.failed:
            raise CommandError(f"{report.failed} posts could not be imported")
