"""Read article files into documents, refusing what cannot be an article.

Files come from old systems in whatever encoding they were saved in: UTF-8 (with or
without a byte-order mark), UTF-16 with a mark, or Windows-1252/Latin-1.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .markup import parse_html, parse_markdown
from .plaintext import parse_plain_text

MAX_BYTES = 2 * 1024 * 1024
PARSERS = {
    ".txt": parse_plain_text,
    ".text": parse_plain_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}
# Control characters that no text file contains (tab, newlines and form feed are fine).
BINARY_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class SourceError(ValueError):
    """A file that cannot be imported; the message says why, in one line."""


@dataclass
class Source:
    name: str
    document: object
    fingerprint: str


def check_size(size):
    """Refuse a file over ``MAX_BYTES`` before it is read into memory, wherever it comes from."""
    if size > MAX_BYTES:
        raise SourceError(
            _("too large (%(size)s bytes; the limit is %(limit)s)")
            % {"size": f"{size:,}", "limit": f"{MAX_BYTES:,}"}
        )


def decode(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise SourceError(_("looks like a binary file, not text"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Latin-1 maps every byte, including the five that Windows-1252 leaves out.
        return data.decode("latin-1")


def parse_source(name, data):
    """Parse the bytes of an article file named ``name`` (its suffix picks the format)."""
    suffix = Path(name).suffix.lower()
    parser = PARSERS.get(suffix)
    if parser is None:
        raise SourceError(
            _("unsupported file type %(suffix)r; use one of %(suffixes)s")
            % {"suffix": suffix or _("(none)"), "suffixes": ", ".join(sorted(PARSERS))}
        )
    check_size(len(data))
    try:
        text = decode(data)
    except UnicodeDecodeError as error:
        raise SourceError(
            _("cannot be decoded as text (%(reason)s)") % {"reason": error.reason}
        ) from error
    if BINARY_CHARACTERS.search(text):
        raise SourceError(_("looks like a binary file, not text"))
    if not text.strip():
        raise SourceError(_("is empty"))
    try:
        document = parser(text)
    except ValueError as error:
        raise SourceError(str(error)) from error
    except RecursionError as error:
        raise SourceError(_("its markup is nested too deeply to read")) from error
    return Source(name, document, hashlib.sha256(data).hexdigest())


def read_source(path):
    """Read and parse one file, checking its size before reading it into memory."""
    path = Path(path)
    try:
        check_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(
            _("cannot be read (%(reason)s)") % {"reason": error.strerror or error}
        ) from error
    return parse_source(path.name, data)


def find_sources(paths):
    """The article files named by ``paths``, folders searched recursively, in order."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    child
                    for child in path.rglob("*")
                    if child.is_file()
                    and child.suffix.lower() in PARSERS
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return found
