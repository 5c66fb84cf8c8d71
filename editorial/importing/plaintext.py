"""Parse plain-text articles like the seed article.

The format is what people paste from a web page: the title on the first line, one
paragraph per line, short title-like lines standing alone as headings, and numbered
lists whose items read "Title: text".
"""

import re

from django.utils.html import escape

from .document import Block, ImportedDocument, KeyPoint

NUMBERED_ITEM = re.compile(r"^\s*(\d{1,3})[.)]\s+(?P<body>\S.*)$")
BULLET_ITEM = re.compile(r"^\s*[-*\u2022]\s+(?P<body>\S.*)$")
TITLED_ITEM = re.compile(r"^(?P<title>[^:]{1,80}?):\s+(?P<text>\S.*)$")
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 100

# Leftovers of a scraped page's chrome, mapped to the feature they stand for (or None).
NAVIGATION_LEFTOVERS = {
    "trending post": "trending",
    "trending": "trending",
    "latest post": None,
    "latest posts": None,
    "related post": None,
    "related posts": None,
    "share this": None,
    "share this post": None,
}


def normalise_line(line):
    return " ".join(line.split())


def is_heading(line):
    """A short, title-like line that does not end a sentence."""
    words = line.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and len(line) <= HEADING_MAX_CHARS
        and line[0].isupper()
        and not line.endswith((".", ",", ";", ":", "!"))
    )


def paragraph_html(text):
    return f"<p>{escape(text)}</p>"


def list_html(tag, items):
    return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + f"</{tag}>"


def split_groups(text):
    """Groups of consecutive non-blank lines, each line whitespace-normalised."""
    groups, current = [], []
    for raw in text.splitlines():
        line = normalise_line(raw)
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
        return [normalise_line(match["body"]) for match in matches]
    return None


def parse_plain_text(text):
    groups = split_groups(text)
    if not groups:
        raise ValueError("the file has no text")
    title_group = groups.pop(0)
    document = ImportedDocument(title=" ".join(line for _, line in title_group))
    current_heading = ""

    for group in groups:
        numbered = list_items(group, NUMBERED_ITEM)
        if numbered:
            add_numbered_list(document, numbered, current_heading)
            continue
        bullets = list_items(group, BULLET_ITEM)
        if bullets:
            document.blocks.append(Block("paragraph", html=list_html("ul", bullets)))
            continue
        for _, line in group:
            leftover = line.lower().rstrip(":")
            if leftover in NAVIGATION_LEFTOVERS:
                if NAVIGATION_LEFTOVERS[leftover]:
                    document.markers.add(NAVIGATION_LEFTOVERS[leftover])
            elif len(group) == 1 and is_heading(line):
                current_heading = line
                document.blocks.append(Block("heading", text=line))
            else:
                document.blocks.append(Block("paragraph", text=line, html=paragraph_html(line)))
    return document


def add_numbered_list(document, items, current_heading):
    titled = [TITLED_ITEM.match(item) for item in items]
    if not all(titled):
        document.blocks.append(Block("paragraph", html=list_html("ol", items)))
        return
    points = [KeyPoint(match["title"].strip(), match["text"].strip()) for match in titled]
    if current_heading.lower().startswith("alternatives"):
        intro = ""
        previous = document.blocks[-1] if document.blocks else None
        # The sentence introducing the list ("...alternatives to grow their network:")
        # belongs to the alternatives block, so it moves and goes with it.
        if previous and previous.kind == "paragraph" and previous.text.endswith(":"):
            intro = document.blocks.pop().html
        document.blocks.append(Block("alternatives", html=intro, points=points))
    else:
        document.blocks.append(Block("key_points", points=points))
