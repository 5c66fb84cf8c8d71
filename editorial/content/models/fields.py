"""Field shapes that several models share."""

from django.db import models


def optional_link(to, *, related_name="+", field=models.ForeignKey, **options):
    """A link that may stay empty, and that is emptied rather than followed when what it
    points to is deleted: losing a picture, an account or a section never deletes the
    article, profile or plan that pointed to it."""
    return field(
        to,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


def optional_image():
    """A picture editors may leave out; the image keeps no list of its users (Wagtail's
    usage report finds them)."""
    return optional_link("wagtailimages.Image")
