"""The demo's history agrees with the dates readers see: the admin's "Recently published"
panel and an article's history show the weeks over which the demo was published."""

import re
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from editorial.models import ArticlePage
from editorial.review.dashboard import PANEL_SIZE

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<td class="title"><div class="title-wrapper"><a href="[^"]*">([^<]*)</a>.*?'
    r'<time class="w-human-readable-date__date" datetime="([^"]+)">',
    re.DOTALL,
)
STAMP = re.compile(r'<time class="w-human-readable-date__date" datetime="([^"]+)"')


def recently_published(html):
    """Titles and dates of the rows of the dashboard's "Recently published" panel."""
    panel = html[html.index("Recently published") :]
    panel = panel[: panel.index("</table>")]
    return [(title, datetime.fromisoformat(when)) for title, when in ROW.findall(panel)]


def test_recently_published_orders_and_dates_the_demo_as_readers_see_it(client, demo):
    client.force_login(UserFactory(role="editor"))

    rows = recently_published(client.get(reverse("wagtailadmin_home")).content.decode())

    newest = ArticlePage.objects.live().order_by("-first_published_at")[:PANEL_SIZE]
    assert [title for title, _ in rows] == [article.title for article in newest]
    assert [when for _, when in rows] == [article.first_published_at for article in newest]
    assert min(when for _, when in rows) < timezone.now() - timedelta(days=7)


def test_an_articles_history_ends_on_the_day_readers_see(client, demo):
    seed = ArticlePage.objects.get(slug="is-buying-linkedin-connections-ethical")
    client.force_login(UserFactory(role="editor"))
    reader_date = re.search(
        r'<time datetime="([\d-]+)">', client.get(seed.url).content.decode()
    ).group(1)

    history = client.get(reverse("wagtailadmin_pages:history", args=[seed.pk])).content.decode()

    stamps = [
        datetime.fromisoformat(when)
        for when in re.findall(
            r'<time class="w-human-readable-date__date" datetime="([^"]+)"', history
        )
    ]
    assert stamps
    assert max(stamps) == seed.first_published_at == seed.last_published_at
    assert max(stamps).date().isoformat() == reader_date
    assert seed.latest_revision.created_at == seed.first_published_at
