"""Public pages as the reader tests build them: the listing blocks placed on them, and the
number of queries any of them may take."""

import uuid

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
