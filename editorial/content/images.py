"""The admin's image form: an image too large to open is a form error, not a server error.

Pillow refuses to open an image of more than twice its own pixel limit (a decompression
bomb: a PNG of a hundred kilobytes that would decode to gigabytes) by raising
``DecompressionBombError``. It does so while reading the header, before any pixel is
decoded, but Wagtail's pixel-count check lets the exception through as a 500. The form
serves every upload path: the image form, the multiple uploader and the chooser's upload.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image


class BoundedImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except Image.DecompressionBombError as error:
            raise ValidationError(
                _("This file has too many pixels. Maximum pixels %(max_pixels_count)s.")
                % {"max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The multiple uploader's edit form has no file field.
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = BoundedImageField(
                label=field.label, required=field.required, widget=field.widget
            )

    class Meta(BaseImageForm.Meta):
        pass
