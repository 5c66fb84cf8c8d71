"""Kinds of things a cached page can show, each named in one place.

A kind builds the names that pages record (``TAG("careers")`` is ``"tag:careers"``) and
that changes invalidate, so the two can never drift apart through a typo. Code that
invalidates a kind says so with ``@invalidates(KIND, ...)``; a test checks that every
declared kind has at least one invalidator.
"""

from dataclasses import dataclass, field


@dataclass(eq=False)
class Dependency:
    """A kind of dependency: ``kind()`` names the whole kind, ``kind(key)`` one of its items."""

    name: str
    description: str
    invalidators: list = field(default_factory=list, repr=False)

    def __post_init__(self):
        if self.name in KINDS:
            raise ValueError(f"dependency kind {self.name!r} is declared twice")
        KINDS[self.name] = self

    def __call__(self, key=None):
        return self.name if key is None else f"{self.name}:{key}"

    def all(self, keys):
        return {self(key) for key in keys}


KINDS: dict[str, Dependency] = {}


def invalidates(*kinds):
    """Declare that the decorated function invalidates dependencies of ``kinds``."""

    def register(function):
        for kind in kinds:
            kind.invalidators.append(function)
        return function

    return register
