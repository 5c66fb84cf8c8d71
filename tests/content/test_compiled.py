"""Queries compiled once per process bind each call's values where the stand-ins were."""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

import pytest

from editorial.content.bodies import build_body
from editorial.content.compiled import CompiledQuery
from editorial.content.models import ArticlePage, SectionPage
from editorial.content.queries import sections_on_the_way, served_child
from editorial.corrections.models import ArticleCorrection

from ..factories import ArticleFactory, SectionFactory, restrict

pytestmark = pytest.mark.django_db


class Counting:
    """A queryset builder that counts how often it is asked to build."""

    def __init__(self, build):
        self.build, self.builds = build, 0
        self.__qualname__ = build.__qualname__

    def __call__(self, *args, **kwargs):
        self.builds += 1
        return self.build(*args, **kwargs)


def test_each_shape_is_compiled_once_and_every_call_gets_its_own_rows(section):
    for title in ("Alpha", "Beta", "Gamma"):
        ArticleFactory(parent=section, title=title)
    build = Counting(
        lambda count, titles, excluded: (
            ArticlePage.objects.filter(title__in=titles)
            .exclude(pk=excluded)
            .order_by("title")
            .values_list("title")[:count]
        )
    )
    query = CompiledQuery(build)

    assert query(10, titles=["Alpha", "Gamma"], excluded=0) == [("Alpha",), ("Gamma",)]
    assert query(10, titles=["Beta", "Gamma"], excluded=0) == [("Beta",), ("Gamma",)]
    gamma = ArticlePage.objects.get(title="Gamma").pk
    assert query(10, titles=["Beta", "Gamma"], excluded=gamma) == [("Beta",)]
    assert build.builds == 1
    # Another length of list, or another count, is another statement.
    assert query(10, titles=["Alpha", "Beta", "Gamma"], excluded=0) == [
        ("Alpha",),
        ("Beta",),
        ("Gamma",),
    ]
    assert query(1, titles=["Beta", "Gamma"], excluded=0) == [("Beta",)]
    assert build.builds == 3


def test_a_list_that_can_match_nothing_gives_no_rows_without_a_query(
    section, django_assert_num_queries
):
    ArticleFactory(parent=section, title="Alpha")
    query = CompiledQuery(
        lambda titles: ArticlePage.objects.filter(title__in=titles).values_list("title")
    )

    with django_assert_num_queries(0):
        assert query(titles=[]) == []


def test_a_value_the_orm_would_change_is_refused_when_compiling(section):
    """``startswith`` turns "Al" into "Al%": binding "Be" to the stand-in's place would
    find nothing, or worse, so compiling such a query fails instead."""
    query = CompiledQuery(
        lambda prefix: ArticlePage.objects.filter(title__startswith=prefix).values_list("title")
    )

    with pytest.raises(ImproperlyConfigured, match="prefix"):
        query(prefix="Al")


def test_a_column_too_small_for_the_stand_in_is_refused_when_compiling(postgres, section):
    """Django matches nothing against a value out of a column's range: a stand-in out of
    the range of a small integer column would compile to a query that finds nothing.
    (SQLite's integer columns all hold the same 64-bit range.)"""
    query = CompiledQuery(
        lambda minutes: ArticlePage.objects.filter(reading_time=minutes).values_list("title")
    )

    with pytest.raises(ImproperlyConfigured, match="out of the range"):
        query(minutes=3)


class Sent:
    """The statements and bound values sent to the database while active."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def test_on_postgresql_only_the_calls_values_are_bound(postgres, section):
    """The query's constants are part of the statement, which PostgreSQL can then plan
    knowing them; each call binds its own values."""
    ArticleFactory(parent=section, title="Alpha")
    ArticleFactory(parent=section, title="Beta")
    ArticleFactory(parent=section, title="Up 100% in a year")
    depth = section.depth + 1
    query = CompiledQuery(
        lambda depth, titles: (
            ArticlePage.objects.filter(depth=depth, title__in=titles, live=True)
            .exclude(title__contains="100%")
            .order_by("title")
            .values_list("title")
        )
    )
    sent = Sent()

    with connection.execute_wrapper(sent):
        assert query(depth, titles=["Alpha", "Gamma"]) == [("Alpha",)]
        assert query(depth, titles=["Beta", "Up 100% in a year"]) == [("Beta",)]

    (first_sql, first_params), (second_sql, second_params) = sent.statements
    assert first_sql == second_sql
    assert first_params == ["Alpha", "Gamma"]
    assert second_params == ["Beta", "Up 100% in a year"]
    assert f'"depth" = {depth}' in first_sql


def test_on_postgresql_the_sections_are_planned_once_for_every_page(postgres, home, section):
    """Every value of the sections' query is a constant of the site: sent with none to
    bind, PostgreSQL plans its prepared statement once, where with them bound it judged
    planning for each page's values cheaper and did so on every page."""
    sent = Sent()
    with connection.execute_wrapper(sent):
        for _ in range(6):
            assert [s.pk for s in sections_on_the_way(home)] == [section.pk]

    sql, params = sent.statements[-1]
    assert not params
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = %s",
            [sql.replace("%%", "%")],
        )
        ((generic, custom),) = cursor.fetchall()
    assert generic >= 3
    assert custom == 0


def test_the_sections_on_the_way_are_the_pages_the_orm_loads(home, section, careers):
    """Compiled and built with ``from_db``, they read as the ORM's would: what routing,
    the navigation and breadcrumbs use, and whether a restriction could apply."""
    hidden = SectionFactory(parent=home, title="Hidden")
    restrict(hidden)
    draft = SectionFactory(parent=home, title="Draft", live=False)

    compiled = sections_on_the_way(home)
    loaded = SectionPage.for_serving().child_of(home).order_by("path")

    def seen(sections):
        return [
            (s.pk, s.id, s.title, s.slug, s.url, s.live, s.restricted, s.under_alias, s.locale_id)
            for s in sections
        ]

    assert seen(compiled) == seen(loaded)
    assert [s.pk for s in compiled] == [section.pk, careers.pk, hidden.pk, draft.pk]
    assert [s.restricted for s in compiled] == [False, False, True, False]
    # Anything else is loaded when read, as a deferred field.
    assert compiled[0].intro == section.intro


def test_a_served_child_is_the_page_the_orm_serves(section, careers, django_assert_num_queries):
    """Compiled, and made from its rows as the ORM's iteration makes them: every field
    converted (dates aware, the body's blocks), the annotations, the objects loaded with
    it; among the section's children only."""
    article = ArticleFactory(parent=section, title="Served", ready=True)
    ArticleCorrection.objects.create(page=article, note="A name was misspelled.")
    # The correction dropped the stored body; the next reader would store it again.
    build_body(article.pk)
    ArticleFactory(parent=careers, title="Elsewhere", slug="served-elsewhere")
    restricted = ArticleFactory(parent=careers, title="Kept", ready=True)
    restrict(restricted)
    loaded = ArticlePage.for_serving().child_of(section).get(slug="served")

    with django_assert_num_queries(1):
        served = served_child(section, ArticlePage, "served")
        card, body, image = served.card, served.stored_body, served.hero_image

    fields = [f.attname for f in ArticlePage._meta.concrete_fields]
    assert [getattr(served, name) for name in fields] == [getattr(loaded, name) for name in fields]
    assert timezone.is_aware(served.first_published_at)
    assert served.body[0].block_type == "paragraph"
    assert (served.restricted, served.under_alias, served.has_corrections) == (False, False, True)
    assert image == loaded.hero_image
    assert (card.pk, body.pk) == (loaded.card.pk, loaded.stored_body.pk)
    assert served_child(careers, ArticlePage, "kept").restricted
    assert served_child(section, ArticlePage, "kept") is None
    assert served_child(section, ArticlePage, "served-elsewhere") is None
    assert served_child(careers, ArticlePage, "served-elsewhere").title == "Elsewhere"
