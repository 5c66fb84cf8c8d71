"""The admin screen where editors and authors upload article files as drafts."""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from taggit.utils import parse_tags

from editorial.content.forms import RefusesIdsOutOfRange
from editorial.content.models import Author, SectionPage
from editorial.roles import forbidden

from .build import import_document
from .sources import MAX_BYTES, PARSERS, SourceError, check_size, parse_source

REFUSED = _("You may not import into this section.")

logger = logging.getLogger(__name__)


def sections_user_may_add_to(user):
    """Sections where ``user`` may create articles, which is where they may import them."""
    return [
        section
        for section in SectionPage.objects.order_by("path")
        if section.permissions_for_user(user).can_add_subpage()
    ]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(PARSERS)}))
        # Empty files get the same "is empty" reason as in the command.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ImportArticlesForm(RefusesIdsOutOfRange, forms.Form):
    section = forms.ModelChoiceField(queryset=SectionPage.objects.all())
    files = MultipleFileField(
        help_text=format_lazy(
            _(
                "Plain text, Markdown or HTML ({types}), up to {megabytes} MB each. "
                "The first line or top heading is the title."
            ),
            types=", ".join(sorted(PARSERS)),
            megabytes=MAX_BYTES // (1024 * 1024),
        )
    )
    authors = forms.ModelMultipleChoiceField(
        queryset=Author.objects.all(),
        required=False,
        help_text=_("The byline of every imported article. Defaults to your own author profile."),
    )
    tags = forms.CharField(required=False, help_text=_("Comma-separated tags for every article."))

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        # Validation accepts any section so that a forbidden one is refused with a 403 by
        # the view, not hidden behind "select a valid choice"; the menu offers only these.
        self.fields["section"].choices = [("", "---------")] + [
            (section.pk, section.title) for section in sections
        ]

    def clean_files(self):
        sources, errors = [], []
        for upload in self.cleaned_data["files"]:
            try:
                check_size(upload.size)
                sources.append(parse_source(upload.name, upload.read()))
            except SourceError as error:
                logger.warning("import refused: %s: %s", upload.name, error)
                errors.append(
                    ValidationError(
                        gettext("%(name)s: %(reason)s") % {"name": upload.name, "reason": error}
                    )
                )
        if errors:
            raise ValidationError(errors)
        return sources


class ImportArticlesView(WagtailAdminTemplateMixin, FormView):
    template_name = "editorial/importing/import_articles.html"
    form_class = ImportArticlesForm
    page_title = _("Import articles")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.sections = sections_user_may_add_to(request.user)
        requested = request.GET.get("section", "")
        allowed = {str(section.pk) for section in self.sections}
        if not self.sections or (requested and requested not in allowed):
            return forbidden(request, REFUSED)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.get_full_path(),
            submit_button_label=gettext("Import as drafts"),
            submit_button_active_label=gettext("Importing…"),
            **kwargs,
        )

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sections": self.sections}

    def get_initial(self):
        initial = {}
        profile = Author.objects.filter(user=self.request.user).first()
        if profile:
            initial["authors"] = [profile]
        if "section" in self.request.GET:
            initial["section"] = self.request.GET["section"]
        return initial

    def form_valid(self, form):
        section = form.cleaned_data["section"]
        if section not in self.sections:
            return forbidden(self.request, REFUSED)
        user = self.request.user
        authors = list(form.cleaned_data["authors"]) or list(Author.objects.filter(user=user))
        tags = parse_tags(form.cleaned_data["tags"])
        outcomes = []
        for source in form.cleaned_data["files"]:
            try:
                result = import_document(
                    source.document,
                    section=section,
                    authors=authors,
                    tags=tags,
                    user=user,
                    source_name=source.name,
                    source_fingerprint=source.fingerprint,
                )
            except ValidationError as error:
                reason = "; ".join(error.messages)
                logger.warning("import refused: %s: %s", source.name, reason)
                outcomes.append({"name": source.name, "error": reason})
                continue
            outcomes.append({"name": source.name, "result": result})

        saved = [outcome["result"] for outcome in outcomes if "result" in outcome]
        if len(outcomes) == 1 and saved and saved[0].saved:
            messages.success(
                self.request,
                gettext("%(name)s: %(summary)s")
                % {"name": outcomes[0]["name"], "summary": saved[0].summary()},
            )
            return redirect("wagtailadmin_pages:edit", saved[0].page.pk)
        finder = AdminURLFinder(user)
        for outcome in outcomes:
            result = outcome.get("result")
            if result:
                if result.page.permissions_for_user(user).can_edit():
                    outcome["edit_url"] = reverse("wagtailadmin_pages:edit", args=(result.page.pk,))
                outcome["new_alternatives"] = [
                    (alternative, finder.get_edit_url(alternative))
                    for alternative in result.alternatives_created
                ]
        fresh_form = self.get_form_class()(sections=self.sections, initial=self.get_initial())
        return self.render_to_response(self.get_context_data(form=fresh_form, outcomes=outcomes))
