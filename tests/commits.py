"""Commits as a test that never commits sees them.

A test runs in a transaction that is rolled back, so what waits for the commit
(``transaction.on_commit``: cache invalidation, index refreshes) would never run. In
production every request commits before the reader's next one arrives; ``Commit`` does the
same where a test says so.
"""

from django.db import DEFAULT_DB_ALIAS, connections


class Commit:
    """Runs what waits for the commit of the open transaction, as its commit would.

    Only what was asked for after this was made: what an enclosing fixture's transaction
    waits for is that fixture's to run. What has run is forgotten, as a commit forgets it,
    so that what is done once per transaction is done again after it.
    """

    def __init__(self, using=DEFAULT_DB_ALIAS):
        self.connection = connections[using]
        self.since = len(self.connection.run_on_commit)

    def commit(self, **kwargs):
        waiting = self.connection.run_on_commit
        # What runs may ask for more, which runs too.
        while len(waiting) > self.since:
            due = waiting[self.since :]
            del waiting[self.since :]
            for _, callback, _ in due:
                # Robust or not, a failure fails the test: nothing is swallowed here.
                callback()
