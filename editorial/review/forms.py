"""Forms of the review's admin screens."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .insight import MAX_PERIOD_DAYS
from .my_articles import STATUSES


class InsightForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError(gettext("The period must start before it ends."))
            if (end - start).days > MAX_PERIOD_DAYS:
                raise forms.ValidationError(
                    gettext("Choose a period of at most %(days)d days.") % {"days": MAX_PERIOD_DAYS}
                )
        return cleaned


class MyArticlesForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *STATUSES.items()],
    )
