"""What the current request's render showed, recorded while it renders."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class Recording:
    """What one render (a page or a fragment) depended on."""

    cacheable: bool = False
    dependencies: set[str] = field(default_factory=set)
    max_age: int | None = None


_recording: ContextVar[Recording | None] = ContextVar("page_cache_recording", default=None)


@contextmanager
def recording():
    """Record what the code inside shows, apart from any recording around it."""
    current = Recording()
    token = _recording.set(current)
    try:
        yield current
    finally:
        _recording.reset(token)


def depends_on(*names):
    """The page being rendered shows what ``names`` name (see ``dependencies``)."""
    current = _recording.get()
    if current is not None:
        current.dependencies.update(names)


def cache_publicly(*names):
    """Mark the current response as shareable by every anonymous reader."""
    current = _recording.get()
    if current is None:
        return
    current.cacheable = True
    current.dependencies.update(names)


def expires_within(seconds):
    """Shorten the cached page's life for content that changes with time (trending).

    The shortest lifetime asked for during a render wins.
    """
    current = _recording.get()
    if current is not None:
        current.max_age = min(seconds, current.max_age or seconds)
