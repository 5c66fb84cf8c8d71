"""On PostgreSQL, a reader's page is planned once per database connection, not per request:
parameters travel apart from the SQL and psycopg prepares what a connection runs again."""

from django.db import connection

import pytest

from ..factories import ArticleFactory, SectionFactory
from .public_pages import front_page, publish_with

pytestmark = [pytest.mark.usefixtures("postgres", "without_page_cache")]


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_the_queries_of_an_article_are_prepared_when_read_again(client, home):
    section = SectionFactory(parent=home)
    ArticleFactory(parent=section, tags=["work"])
    article = ArticleFactory(parent=section, tags=["work"])

    for _ in range(3):
        client.get(article.url)

    # The query that finds the article by its slug, with its view restrictions.
    routing = [
        sql
        for sql in prepared_statements()
        if "editorial_articlepage" in sql and "wagtailcore_pageviewrestriction" in sql
    ]
    assert routing
    assert all("$1" in sql for sql in routing)


def plans(fragment):
    """``(generic, custom)`` plans of the one prepared statement containing ``fragment``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            [f"%{fragment}%"],
        )
        (found,) = cursor.fetchall()
    return found


@pytest.mark.parametrize("picked", [False, True], ids=["newest", "editors-pick"])
def test_the_front_page_is_planned_once_for_every_reader(client, home, picked):
    """Its sections are constants of the query, not values: with forty values bound,
    PostgreSQL planned it afresh for every front page, which took as long as running it.
    An editor's pick for the lead story is the one value bound: PostgreSQL plans the first
    five runs of a statement with values for them, then settles on one plan."""
    sections = [SectionFactory(parent=home, title=f"Desk {n}") for n in range(3)]
    articles = [ArticleFactory(parent=section) for section in sections]
    publish_with(home, body=front_page(sections, pick=articles[0].pk if picked else None))

    for _ in range(10):
        assert client.get("/").status_code == 200

    generic, custom = plans(f"'{sections[2].path}'")
    assert generic >= 3
    assert custom <= (5 if picked else 0)


def test_queries_are_not_compiled_just_in_time(db):
    """JIT compilation cost more than running a related list over a large archive."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_random_reads_are_priced_for_a_database_held_in_memory(db):
    """At PostgreSQL's default (4, for spinning disks) a related list over an archive read
    every page row instead of looking up its few candidates by primary key."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert float(cursor.fetchone()[0]) == 1.1
