import logging

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from editorial.content.models import Author, SectionPage
from editorial.importing.build import import_document
from editorial.importing.sources import PARSERS, SourceError, find_sources, read_source
from editorial.management.progress import Progress

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Import existing articles (.txt, .md, .html files, or folders of them) as draft "
        "articles in a section. Nothing is published: drafts go through editorial review. "
        "Importing a file again updates its draft (matched by slug), unless someone has "
        "edited it in the admin since; --force overwrites those edits. Each file is imported "
        "in its own transaction; the command exits non-zero if any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help=f"article files ({', '.join(sorted(PARSERS))}) or folders searched for them",
        )
        parser.add_argument("--section", required=True, help="slug of the section to import into")
        parser.add_argument(
            "--author",
            action="append",
            default=[],
            dest="authors",
            metavar="SLUG",
            help="author slug for the byline; repeat for several authors, in byline order",
        )
        parser.add_argument("--tags", default="", help="comma-separated tags for every article")
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite drafts that were edited in the admin since they were imported",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="parse and report what would happen, then roll everything back",
        )

    def handle(self, *args, paths, section, authors, tags, force, dry_run, **options):
        section_page = SectionPage.objects.filter(slug=section).first()
        if section_page is None:
            known = ", ".join(SectionPage.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"no section with slug {section!r} (sections: {known})")
        author_list = self.resolve_authors(authors)
        tag_list = [tag.strip() for tag in tags.split(",") if tag.strip()]
        files = find_sources(paths)
        if not files:
            raise CommandError("no article files found in " + ", ".join(paths))

        if not author_list:
            self.stderr.write("warning: no --author given; the drafts need a byline before review")
        progress = Progress(self.stdout, len(files), "Importing")
        failures = 0
        totals = {}
        for path in files:
            try:
                source = read_source(path)
                result = import_document(
                    source.document,
                    section=section_page,
                    authors=author_list,
                    tags=tag_list,
                    source_name=source.name,
                    source_fingerprint=source.fingerprint,
                    force=force,
                    rollback=dry_run,
                )
            except (SourceError, ValidationError) as error:
                reason = "; ".join(getattr(error, "messages", [str(error)]))
                logger.warning("import refused: %s: %s", path, reason)
                failures += 1
                progress.step(str(path))
                self.stderr.write(f"{path}: {reason}")
                continue
            progress.step(str(path))
            totals[result.status] = totals.get(result.status, 0) + 1
            self.stdout.write(f"{path}: {result.summary()}")

        counts = ", ".join(f"{count} {status}" for status, count in sorted(totals.items()))
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(f"{prefix}{counts or 'nothing imported'}; {failures} failed.")
        if failures:
            raise CommandError(f"{failures} of {len(files)} files could not be imported")

    def resolve_authors(self, slugs):
        found = {author.slug: author for author in Author.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise CommandError(f"no author with slug {', '.join(map(repr, missing))}")
        return [found[slug] for slug in slugs]
