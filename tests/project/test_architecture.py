"""The layout of ``editorial/``: rooms import downwards only, never in a circle, and never
through an import hidden inside a function (see the README's "Layout")."""

import ast
from datetime import timedelta
from pathlib import Path

from django.db.models.signals import post_delete, pre_delete

import pytest

from editorial.content import signals as content_signals
from editorial.content.models import ArticlePage
from editorial.pagecache.dependencies import KINDS
from editorial.readership.models import ArticleDailyViews

from ..factories import ArticleFactory

APP = Path(__file__).resolve().parents[2] / "editorial"
# What each room may import from the rest of editorial; modules at the top of the app
# (apps, models, urls, wagtail_hooks, management) tie the rooms together and may import any.
ALLOWED = {
    "pagecache": set(),
    "roles": set(),
    "readership": set(),
    "content": {"pagecache", "roles", "readership"},
    "corrections": {"content", "pagecache", "roles"},
    "previews": {"content", "pagecache", "roles"},
    "review": {"content", "pagecache", "roles"},
    "importing": {"content", "roles"},
    "planning": {"content", "roles", "review"},
    "reader": {"content", "corrections", "pagecache", "readership", "roles"},
    "operations": {"content", "management", "pagecache", "readership", "roles"},
}
# Django's documented place to connect signal receivers once the models are ready.
FUNCTION_IMPORTS_ALLOWED = {"editorial.apps"}


def module_name(path):
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def resolve(module, node):
    """The absolute name ``node`` (an ``ImportFrom``) imports from, inside ``module``."""
    if not node.level:
        return node.module
    package = module.split(".")
    is_package = (APP.parent / Path(*package) / "__init__.py").exists()
    base = package if is_package else package[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(path):
    """``[(imported module, inside a function?)]`` of editorial modules in ``path``."""
    module = module_name(path)
    tree = ast.parse(path.read_text())
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = resolve(module, child)
                names = [base] + [f"{base}.{alias.name}" for alias in child.names]
            else:
                visit(child, nested)
                continue
            for name in names:
                if name == "editorial" or not name.startswith("editorial."):
                    continue
                if (APP.parent / Path(*name.split("."))).with_suffix(".py").exists() or (
                    APP.parent / Path(*name.split(".")) / "__init__.py"
                ).exists():
                    found.append((name, in_function))

    visit(tree, False)
    return found


MODULES = {
    module_name(path): imports_of(path)
    for path in APP.rglob("*.py")
    if "migrations" not in path.parts
}


def room(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_import_hides_inside_a_function():
    hidden = [
        f"{module} imports {name}"
        for module, imports in MODULES.items()
        if module not in FUNCTION_IMPORTS_ALLOWED
        for name, in_function in imports
        if in_function
    ]
    assert hidden == []


def test_modules_import_each_other_in_no_circle():
    graph = {
        module: {name for name, in_function in imports if not in_function and name != module}
        for module, imports in MODULES.items()
    }
    # A package imports its own modules through its __init__; only real modules count.
    graph = {
        module: {name for name in names if name in graph and not module.startswith(name + ".")}
        for module, names in graph.items()
    }
    visiting, done, cycles = set(), set(), []

    def walk(module, trail):
        if module in done:
            return
        if module in visiting:
            cycles.append(trail[trail.index(module) :] + [module])
            return
        visiting.add(module)
        for name in sorted(graph[module]):
            walk(name, trail + [module])
        visiting.discard(module)
        done.add(module)

    for module in sorted(graph):
        walk(module, [])
    assert cycles == []


@pytest.mark.parametrize("owner", sorted(ALLOWED))
def test_each_room_imports_only_the_rooms_below_it(owner):
    reached = {
        f"{module} imports {name}"
        for module, imports in MODULES.items()
        if room(module) == owner
        for name, _ in imports
        if room(name) != owner and room(name) not in ALLOWED[owner]
    }
    assert reached == set()


def test_no_room_imports_the_models_that_django_loads():
    users = [m for m, imports in MODULES.items() if "editorial.models" in dict(imports)]
    assert [m for m in users if room(m) in ALLOWED] == []


def test_every_kind_of_cache_dependency_has_an_invalidator():
    assert content_signals.invalidate_page in KINDS["page"].invalidators
    assert {name for name, kind in KINDS.items() if not kind.invalidators} == set()


def test_page_deletions_are_watched_on_the_base_page_only():
    for signal in (pre_delete, post_delete):
        senders = [lookup_key[1] for lookup_key, *_ in signal.receivers]
        assert id(None) not in senders, "a delete receiver without a sender"


@pytest.mark.django_db
def test_old_daily_views_are_deleted_in_one_query(section, django_assert_num_queries):
    article = ArticleFactory(parent=section)
    day = article.first_published_at.date()
    ArticleDailyViews.objects.bulk_create(
        ArticleDailyViews(article=article, day=day - timedelta(days=n), views=1)
        for n in range(10_000)
    )
    with django_assert_num_queries(1):
        deleted, _ = ArticleDailyViews.objects.all().delete()
    assert deleted == 10_000
    assert ArticlePage.objects.filter(pk=article.pk).exists()


def test_no_test_module_imports_another():
    tests = APP.parent / "tests"
    offenders = []
    for path in tests.rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.rsplit(".", 1)[-1].startswith("test_"):
                    offenders.append(f"{path.relative_to(tests)} imports {node.module}")
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
                offenders += [f"{path.name} imports {n}" for n in names if ".test_" in n]
    assert offenders == []
