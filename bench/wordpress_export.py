"""Write a WordPress export of a large archive, and time importing it.

Writes a WXR 1.2 file of ``--posts`` posts (default 10,000) by 20 authors in 12
categories (some nested) with 200 tags, bodies mixing block-editor and classic markup,
then, with ``--import``, runs ``manage.py import_wordpress`` on it in a throw-away
PostgreSQL test database (``test_<name of DATABASE_URL's database>``, dropped afterwards)
and prints how long the import took. It prints figures and asserts nothing.

    .venv/bin/python bench/wordpress_export.py /tmp/wordpress.xml
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/editorial \\
        .venv/bin/python bench/wordpress_export.py /tmp/wordpress.xml --import
"""

import argparse
import os
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

from tests.importing.wxr import Item, write_export  # noqa: E402

BLOCK = (
    "<!-- wp:paragraph --><p>Post {n} opens with a <strong>point</strong> about work.</p>"
    "<!-- /wp:paragraph --><!-- wp:heading --><h2>Why it matters</h2><!-- /wp:heading -->"
    '<!-- wp:list {{"ordered":true}} --><ol><li>Trust: people see who you know.</li>'
    "<li>Reach: a smaller network works.</li></ol><!-- /wp:list -->"
    "<!-- wp:paragraph --><p>{text}</p><!-- /wp:paragraph -->"
)
CLASSIC = "Post {n} was written in the classic editor.\n\n<h3>Details</h3>\n\n{text}"
TEXT = "Careers change, and newsrooms write about how. " * 30


def items(posts):
    for n in range(1, posts + 1):
        body = (BLOCK if n % 3 else CLASSIC).format(n=n, text=TEXT)
        yield Item(
            n,
            f"Archived story number {n}",
            slug=f"archived-story-{n}",
            content=body,
            excerpt=f"The standfirst of story {n}.",
            creator=f"writer{n % 20}",
            date=f"20{10 + n % 14:02d}-{1 + n % 12:02d}-{1 + n % 28:02d} 08:00:00",
            status="publish" if n % 10 else "draft",
            categories=[(f"section-{n % 12}", f"Section {n % 12}")],
            tags=[f"topic {n % 200}", f"topic {(n * 7) % 200}"],
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="where to write the export")
    parser.add_argument("--posts", type=int, default=10_000, help="default: 10000")
    parser.add_argument("--import", dest="run_import", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    write_export(
        args.path,
        "1.2",
        items(args.posts),
        authors=[(f"writer{n}", f"writer{n}@example.org", f"Writer {n}") for n in range(20)],
        categories=[
            (f"section-{n}", f"Section {n}", "section-0" if n > 8 else "") for n in range(12)
        ],
        tags=[f"topic {n}" for n in range(200)],
    )
    size = args.path.stat().st_size / 1e6
    print(f"wrote {args.posts} posts, {size:.1f} MB, in {time.perf_counter() - started:.1f} s")
    if not args.run_import:
        return

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        out = StringIO()
        call_command("import_wordpress", str(args.path), stdout=out, stderr=StringIO())
        elapsed = time.perf_counter() - started
        print(next(line for line in out.getvalue().splitlines() if line.startswith("Posts:")))
        print(f"imported in {elapsed:.0f} s ({args.posts / elapsed:.1f} posts a second)")
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)


if __name__ == "__main__":
    main()
