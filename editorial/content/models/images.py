"""How a page or a snippet holds a picture from Wagtail's image library."""

from django.db import models


def optional_image():
    """A picture editors may leave out. Deleting it from the library empties the field
    rather than deleting what showed it; the image keeps no list of its users (Wagtail's
    usage report finds them)."""
    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
