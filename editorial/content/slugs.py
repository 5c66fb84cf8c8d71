"""Slugs that are never empty, so that every tag, author and page can be linked.

Django's ``slugify`` keeps letters and digits (Unicode ones too, as django-taggit and
Wagtail do here) and drops the rest: a name of emoji or punctuation alone leaves nothing,
and an empty slug makes every ``reverse`` of the object's URL fail.
"""

import hashlib

from django.utils.text import slugify


def derived_slug(name, prefix):
    """A stable slug for a name slugify leaves nothing of: the same name, the same slug."""
    digest = hashlib.sha256(name.casefold().encode()).hexdigest()[:10]
    return f"{prefix}-{digest}"


def slug_for(name, prefix):
    """The slug of ``name``, or the derived one when slugify leaves nothing."""
    return slugify(name, allow_unicode=True) or derived_slug(name, prefix)
