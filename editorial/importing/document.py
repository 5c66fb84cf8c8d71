"""A format-neutral picture of an article, between parsing a file and saving a page."""

from dataclasses import dataclass, field


@dataclass
class KeyPoint:
    title: str
    text: str


@dataclass
class Block:
    """One body block. ``kind`` is a body stream child name; ``html`` is rich text."""

    kind: str
    text: str = ""
    html: str = ""
    points: list[KeyPoint] = field(default_factory=list)


@dataclass
class ImportedDocument:
    title: str
    blocks: list[Block] = field(default_factory=list)
    # Navigation leftovers of scraped pages that map to a feature, e.g. {"trending"}.
    markers: set[str] = field(default_factory=set)

    def first_paragraph_text(self):
        return next((block.text for block in self.blocks if block.kind == "paragraph"), "")
