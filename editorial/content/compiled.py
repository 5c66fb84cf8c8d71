"""Reader queries compiled to SQL once per process instead of once per request.

Building and compiling a queryset as rich as an article's related list costs Django more
CPU (about 9 ms at 10,000 articles) than PostgreSQL spends running it (about 5 ms), and
a page with no cache to help renders several. A :class:`CompiledQuery` builds its queryset
once per shape with stand-in values, keeps the SQL, and then only puts each call's values
where the stand-ins were: the ORM stays the one description of the query, and the SQL
text is the same on every call, so psycopg also prepares it (``DATABASES`` options).

A value the ORM changes on its way into the SQL (``startswith`` adds a wildcard) cannot
be found again there: compiling then fails, loudly, rather than running a wrong query.

On PostgreSQL the query's constants (the shape's, and the ORM's own) are written into the
SQL, and only a call's values are bound. A prepared statement is planned once for any
values (a generic plan) only when PostgreSQL estimates that plan no dearer than planning
for each call's values; constants it cannot see made a site's sections, whose every value
is a constant, look dearer generically, so they were planned afresh on every page (0.4 ms,
more than running the query).
"""

import copy
import itertools
import re

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators

# Stand-ins that no constant of a query equals: large ids, yet within the range of every
# integer column but the smallest (Django matches nothing against a value out of a
# column's range), and text no reader can send.
STAND_IN_INT = 2_000_000_000
STAND_IN_TEXT = "\x1ecompiled-query-stand-in-{}\x1e"
# Django's placeholder, and its escaped percent sign, which stays as it is.
PLACEHOLDER = re.compile(r"%s|%%")
# The constants written into the SQL (``inline_constants``); psycopg's Int2/Int4/Int8
# wrappers are ints. None is a null.
INLINED = (int, str, type(None))
# Shapes kept per query: each is one statement, and a front page's is its sections.
KEPT_SHAPES = 1_000


class CompiledQuery:
    """``build(*shape, **values)`` returns the queryset (``values_list``); calling this
    with the same arguments returns its rows. ``shape`` (a count, a flag) may change the
    SQL and is compiled once per value; ``values`` (ids, text, lists of them) are bound."""

    def __init__(self, build):
        self.build = build
        self.compiled = {}

    def __call__(self, *shape, using=DEFAULT_DB_ALIAS, **values):
        connection = connections[using]
        kinds = tuple((name, kind_of(value)) for name, value in sorted(values.items()))
        key = (using, connection.vendor, shape, kinds)
        if key not in self.compiled:
            if len(self.compiled) >= KEPT_SHAPES:
                self.compiled.clear()
            self.compiled[key] = self.compile(connection, shape, kinds)
        compiled = self.compiled[key]
        if compiled is None:
            return []
        sql, slots, compiler = compiled
        params = [slot(values) for slot in slots]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return self.results(compiler, connection, cursor.fetchall())

    def results(self, compiler, connection, rows):
        return rows

    def compile(self, connection, shape, kinds):
        """``(sql, slots, compiler)``, each slot giving one parameter from a call's values,
        the compiler knowing the columns; ``None`` when the shape can match nothing (an
        empty list where one is required)."""
        counter = itertools.count(1)
        stand_ins, places = {}, {}
        for name, kind in kinds:
            if isinstance(kind, tuple):
                _, length, item_kind = kind
                stand_ins[name] = []
                for index in range(length):
                    stand_in = stand_in_for(item_kind, next(counter))
                    stand_ins[name].append(stand_in)
                    places[stand_in] = (name, index)
            else:
                stand_in = stand_in_for(kind, next(counter))
                stand_ins[name] = stand_in
                places[stand_in] = (name, None)
        queryset = self.build(*shape, **stand_ins)
        try:
            compiler = queryset.query.get_compiler(connection=connection)
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            if any(isinstance(kind, tuple) and not kind[1] for _, kind in kinds):
                return None
            raise ImproperlyConfigured(
                f"{self.build.__qualname__}: a stand-in value is out of the range of its "
                "column, so the query would match nothing"
            ) from None
        if connection.vendor == "postgresql":
            sql, params = inline_constants(connection, sql, params, places)
        slots = [slot_for(param, places) for param in params]
        unplaced = set(places) - {param for param in params if is_stand_in(param, places)}
        if unplaced:
            raise ImproperlyConfigured(
                f"{self.build.__qualname__}: the ORM changed the values of "
                f"{sorted({places[stand_in][0] for stand_in in unplaced})} on their way into "
                "the SQL; pass them as expressions that keep them as they are"
            )
        return sql, slots, compiler


class CompiledModelQuery(CompiledQuery):
    """A compiled query whose queryset gives model instances: each call's rows become
    them as the ORM's own iteration makes them (the fields' conversions, the objects of
    ``select_related``, annotations), without building the queryset. What the queryset
    would prefetch is left to the caller."""

    def results(self, compiler, connection, rows):
        # The compiler was made for the connection of the thread that compiled the query:
        # the conversions are asked of this thread's.
        compiler = copy.copy(compiler)
        compiler.connection = connection
        klass_info, select = compiler.klass_info, compiler.select
        model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        attnames = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, connection.alias)
        instances = []
        for row in compiler.results_iter([rows]):
            instance = model.from_db(connection.alias, attnames, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in compiler.annotation_col_map.items():
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


def kind_of(value):
    if isinstance(value, (list, tuple)):
        return ("list", len(value), kind_of(value[0]) if value else "text")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"a compiled query binds ids and text, not {value!r}")
    return "int" if isinstance(value, int) else "text"


def stand_in_for(kind, number):
    return STAND_IN_INT + number if kind == "int" else STAND_IN_TEXT.format(number)


def is_stand_in(param, places):
    return isinstance(param, (int, str)) and not isinstance(param, bool) and param in places


def inline_constants(connection, sql, params, places):
    """``sql`` with each constant parameter written in as a literal, and the stand-ins and
    other parameters left to bind. Only ids, text, flags and nulls are written in: their
    literals keep the parameter's type, where a float's would turn into a ``numeric``."""
    params = iter(params)
    bound = []

    def replace(match):
        if match.group() == "%%":
            return "%%"
        param = next(params)
        if is_stand_in(param, places) or not isinstance(param, INLINED):
            bound.append(param)
            return "%s"
        return connection.ops.compose_sql("%s", [param]).replace("%", "%%")

    return PLACEHOLDER.sub(replace, sql), bound


def slot_for(param, places):
    if not is_stand_in(param, places):
        return lambda values: param
    name, index = places[param]
    if index is None:
        return lambda values: values[name]
    return lambda values: values[name][index]
