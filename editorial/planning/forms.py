"""Forms of the editorial calendar."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editorial.content.forms import RefusesIdsOutOfRange
from editorial.content.models import Author, SectionPage


class CalendarFilterForm(RefusesIdsOutOfRange, forms.Form):
    view = forms.ChoiceField(choices=[("month", _("Month")), ("week", _("Week"))], required=False)
    date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    section = forms.ModelChoiceField(
        queryset=SectionPage.objects.order_by("title"),
        required=False,
        empty_label=_("All sections"),
    )
    author = forms.ModelChoiceField(
        queryset=Author.objects.order_by("name"), required=False, empty_label=_("All authors")
    )


class RescheduleForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leave empty to keep the time of day."),
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        moment = cleaned.get("time") or timezone.localtime(self.current).time()
        go_live_at = timezone.make_aware(datetime.combine(cleaned["date"], moment))
        if go_live_at <= timezone.now():
            self.add_error("date", gettext("Choose a time in the future."))
        else:
            cleaned["go_live_at"] = go_live_at
        return cleaned
