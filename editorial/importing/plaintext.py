"""Parse plain-text articles like the seed article.

The format is what people paste from a web page: the title on the first line, one
paragraph per line, short title-like lines standing alone as headings, and numbered
lists whose items read "Title: text".
"""

import re

from django.utils.html import escape
from django.utils.translation import gettext

from .document import DocumentBuilder, ListItem, list_html, normalise_space, titled_point

NUMBERED_ITEM = re.compile(r"^\s*(\d{1,3})[.)]\s+(?P<body>\S.*)$")
BULLET_ITEM = re.compile(r"^\s*[-*\u2022]\s+(?P<body>\S.*)$")
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100


def is_heading(line):
    """A short, title-like line that does not end a sentence."""
    words = line.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and len(line) <= HEADING_MAX_CHARS
        and line[0].isupper()
        and not line.endswith((".", ",", ";", ":", "!"))
    )


def split_groups(text):
    """Groups of consecutive non-blank lines, each line whitespace-normalised."""
    groups, current = [], []
    for raw in text.splitlines():
        line = normalise_space(raw)
        if line:
            current.append((raw, line))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def list_items(group, pattern):
    matches = [pattern.match(raw) for raw, _ in group]
    if all(matches):
        return [normalise_space(match["body"]) for match in matches]
    return None


def parse_plain_text(text):
    groups = split_groups(text)
    if not groups:
        raise ValueError(gettext("the file has no text"))
    builder = DocumentBuilder(" ".join(line for _, line in groups.pop(0)))

    for group in groups:
        numbered = list_items(group, NUMBERED_ITEM)
        if numbered:
            builder.numbered_list([ListItem(escape(item), titled_point(item)) for item in numbered])
            continue
        bullets = list_items(group, BULLET_ITEM)
        if bullets:
            builder.bullet_list(list_html("ul", [escape(item) for item in bullets]))
            continue
        for _, line in group:
            if len(group) == 1 and is_heading(line):
                builder.heading(line)
            else:
                builder.paragraph(f"<p>{escape(line)}</p>", line)
    return builder.finish()
