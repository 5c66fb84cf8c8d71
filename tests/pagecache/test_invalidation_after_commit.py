"""Invalidation waits for the transaction to commit, and never happens after a rollback.

Before the commit, a reader is still served the old content by the database, and a page
rendered then must not be stored under the new versions.
"""

from django.db import transaction

import pytest

from editorial.content.dependencies import PAGE, TAG
from editorial.pagecache.versions import current_versions, invalidate

pytestmark = pytest.mark.django_db


def test_versions_change_only_once_the_transaction_commits(django_capture_on_commit_callbacks):
    names = [PAGE(1), TAG("careers")]
    before = current_versions(names)
    with django_capture_on_commit_callbacks(execute=True):
        invalidate(*names)
        assert current_versions(names) == before
    after = current_versions(names)
    assert all(after[name] != before[name] for name in names)


def test_a_rolled_back_change_invalidates_nothing():
    names = [PAGE(2)]
    before = current_versions(names)
    with transaction.atomic():
        invalidate(*names)
        transaction.set_rollback(True)
    assert current_versions(names) == before
