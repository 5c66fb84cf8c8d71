"""The editorial calendar as iCalendar (RFC 5545), written by the ``icalendar`` library.

The library escapes, folds and formats; what is ours is which properties an event
carries and that text from editors loses the control characters RFC 5545 forbids.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import icalendar

PRODUCT_ID = "-//The Working Week//Editorial calendar//EN"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Event:
    uid: str
    start: date | datetime  # a date is an all-day event
    summary: str
    description: str = ""
    url: str = ""
    categories: str = ""


def plain(text):
    return CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def vevent(event, stamp):
    component = icalendar.Event()
    component.add("uid", plain(event.uid))
    component.add("dtstamp", stamp)
    component.add("dtstart", event.start)
    if not isinstance(event.start, datetime):
        component.add("dtend", event.start + timedelta(days=1))
    component.add("summary", plain(event.summary))
    if event.description:
        component.add("description", plain(event.description))
    if event.categories:
        component.add("categories", [plain(event.categories)])
    if event.url:
        component.add("url", event.url)
    return component


def render(name, events, stamp):
    """The whole VCALENDAR as text with CRLF line ends; ``stamp`` is its DTSTAMP."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", plain(name))
    for event in events:
        calendar.add_component(vevent(event, stamp))
    return calendar.to_ical().decode()
