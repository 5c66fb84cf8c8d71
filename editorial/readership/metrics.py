"""Counters of the view beacon for operators' metrics (``/metrics``)."""

from prometheus_client import Counter

VIEW_BEACONS = Counter(
    "editorial_view_beacons",
    "View beacons answered, by outcome: accepted, refused, or unavailable (Redis unreachable).",
    ["outcome"],
)
VIEWS_COUNTED = Counter("editorial_views_counted", "Views added to the daily counts.")
