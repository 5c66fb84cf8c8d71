"""A view restriction over a large part of the tree costs what one over a small part does."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from ..factories import ArticleFactory, AuthorFactory, SectionFactory, restrict


def queries_to_restrict(section):
    with CaptureQueriesContext(connection) as captured:
        restrict(section)
    return len(captured)


@pytest.mark.django_db
def test_restricting_a_section_costs_the_same_however_many_articles_it_holds(home):
    small, large = SectionFactory(parent=home), SectionFactory(parent=home)
    ArticleFactory(parent=small, authors=[AuthorFactory()], tags=["one"])
    for number in range(6):
        ArticleFactory(parent=large, authors=[AuthorFactory()], tags=[f"tag{number}", "one"])

    assert queries_to_restrict(large) == queries_to_restrict(small)
