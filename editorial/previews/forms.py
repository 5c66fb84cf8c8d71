"""The form that creates a shareable preview link."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LIFETIME_CHOICES


class ShareablePreviewForm(forms.Form):
    hours = forms.TypedChoiceField(
        label=_("Valid for"), choices=LIFETIME_CHOICES, coerce=int, initial=72
    )
    note = forms.CharField(
        label=_("For whom"),
        max_length=120,
        required=False,
        help_text=_("Shown only here, e.g. 'Legal review, Sam'."),
    )
