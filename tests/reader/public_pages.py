"""Public pages as the reader tests build them: the listing blocks placed on them, and the
number of queries any of them may take."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

# Wagtail routing, site lookup and view-restriction checks take about half of these.
BUDGET = 12


def listing(block_type, count=3, heading="", **extra):
    """A listing block (trending, latest or related posts) as it is stored in a body."""
    return {
        "type": block_type,
        "value": {"heading": heading, "count": count, **extra},
        "id": str(uuid.uuid4()),
    }


def publish_with(page, **fields):
    """Set ``fields`` on ``page`` and publish it, as an editor does."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def queries_for(client, url, warm=False):
    """How many queries a reader's request for ``url`` makes; ``warm`` first requests it
    once, to fill Wagtail's site and URL caches as on a running server."""
    if warm:
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)
