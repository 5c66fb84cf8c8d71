"""A small iCalendar (RFC 5545) writer: enough for a read-only feed of dated events.

Written here rather than pulled in as a dependency because a feed needs only VEVENTs
with a handful of properties; the tests check the output with an independent parser.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

MAX_LINE_OCTETS = 75
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Event:
    uid: str
    start: date | datetime  # a date is an all-day event
    summary: str
    description: str = ""
    url: str = ""
    categories: str = ""


def escape_text(value):
    """TEXT values escape backslash, semicolon, comma and line breaks (section 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = CONTROL_CHARACTERS.sub("", value)
    for char, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(char, escaped)
    return value


def fold(line):
    """Split a content line into lines of at most 75 octets, never inside a character."""
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode())
        if size + octets > MAX_LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return "\r\n".join(parts)


def utc_stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event, stamp):
    lines = ["BEGIN:VEVENT", f"UID:{escape_text(event.uid)}", f"DTSTAMP:{utc_stamp(stamp)}"]
    if isinstance(event.start, datetime):
        lines.append(f"DTSTART:{utc_stamp(event.start)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{event.start + timedelta(days=1):%Y%m%d}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.categories:
        lines.append(f"CATEGORIES:{escape_text(event.categories)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


def render(name, events, stamp):
    """The whole VCALENDAR as text with CRLF line ends; ``stamp`` is its DTSTAMP."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//The Working Week//Editorial calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines.extend(event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
