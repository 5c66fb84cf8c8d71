"""Admin forms that fill in what the editor would otherwise type every time."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.forms.formsets import INITIAL_FORM_COUNT
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from taggit.models import Tag


class BylineAuthorChooser(AdminSnippetChooser):
    """The author chooser of one byline; the article form gives it the authors it loaded.

    Wagtail's chooser loads its author by id, one query per byline; the edit view of an
    article with many authors would grow with them.
    """

    def __init__(self, **kwargs):
        super().__init__(apps.get_model("editorial", "Author"), **kwargs)
        self.loaded = {}

    def get_instance(self, value):
        if value in self.loaded:
            return self.loaded[value]
        try:
            return super().get_instance(value)
        except (TypeError, ValueError):
            # A posted id that is no number: the form field reports it, and the form is
            # shown again with no author chosen rather than failing to render.
            return None


def load_tags_at_once(instance):
    """Keep the taggings of ``instance`` in memory, each with its tag, from one query.

    The tag field reads each tagging's tag, one query per tag otherwise.
    """
    taggings = list(instance.tagged_items.all())
    tags = Tag.objects.in_bulk({item.tag_id for item in taggings})
    for item in taggings:
        if item.tag_id in tags:
            item.tag = tags[item.tag_id]
    instance.tagged_items = taggings


class ResetsMalformedChoices:
    """Shows a chooser whose posted value is no id as empty when the form comes back.

    The field reports the bad value as an error; Wagtail's chooser widget, though, looks
    the posted value up to show it and fails on one that is not a number.
    """

    def full_clean(self):
        super().full_clean()
        broken = [
            name
            for name, field in self.fields.items()
            if name in self.errors and isinstance(field.widget, BaseChooser)
        ]
        if broken:
            self.data = self.data.copy()
            for name in broken:
                self.data[self.add_prefix(name)] = ""


class RichTextEditor(DraftailRichTextArea):
    """Wagtail's rich text editor, reading posted text that is not its JSON as no text and
    noting it (``malformed``), so that the form reports it instead of the parser failing."""

    malformed = False

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (AttributeError, KeyError, TypeError, ValueError):
            self.malformed = True
            return None


class RefusesMalformedRichText:
    """Refuses rich text the editor could not read, even in a draft, whose required fields
    Wagtail lets be empty: saving it would store nothing in place of the text."""

    def clean(self):
        cleaned_data = super().clean()
        for name, field in self.fields.items():
            if getattr(field.widget, "malformed", False):
                self.add_error(name, _("This text could not be read; type it again."))
        return cleaned_data


def refusing_overflow(field, method):
    """``field``'s ``method``, refusing an id too large for the database (SQLite raises
    OverflowError for it) as an invalid choice instead of failing."""
    look_up = getattr(field, method)

    def checked(value):
        try:
            return look_up(value)
        except OverflowError as error:
            message = field.error_messages["invalid_choice"]
            raise ValidationError(message, code="invalid_choice") from error

    return checked


class RefusesIdsOutOfRange:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, ModelMultipleChoiceField):
                field._check_values = refusing_overflow(field, "_check_values")
            elif isinstance(field, ModelChoiceField):
                field.to_python = refusing_overflow(field, "to_python")


class RefusesIncompleteFormsets:
    """Refuses a POST whose inline rows (bylines, related links) claim more saved rows than
    it sends: Django's formsets look each claimed row's id up and fail on the first one
    missing. The form is shown again with an error, and nothing saved is touched."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.incomplete_formsets = []
        for name, formset in self.formsets.items():
            if not formset.is_bound:
                continue
            key = formset.add_prefix(INITIAL_FORM_COUNT)
            try:
                claimed = int(formset.data.get(key, 0))
            except ValueError:
                continue  # the formset's management form reports it
            pk_name = formset.model._meta.pk.name
            sent = 0
            while sent < claimed and f"{formset.add_prefix(sent)}-{pk_name}" in formset.data:
                sent += 1
            if sent < claimed:
                formset.data = formset.data.copy()
                formset.data[key] = str(sent)
                self.incomplete_formsets.append(name)

    def clean(self):
        cleaned_data = super().clean()
        if self.incomplete_formsets:
            self.add_error(
                None,
                _("Part of this form was not sent; reload the page and make the change again."),
            )
        return cleaned_data


class EditorialModelForm(
    RefusesIdsOutOfRange, RefusesMalformedRichText, ResetsMalformedChoices, WagtailAdminModelForm
):
    """The admin form of the project's snippets."""


class ArticlePageForm(
    RefusesIncompleteFormsets,
    RefusesIdsOutOfRange,
    RefusesMalformedRichText,
    ResetsMalformedChoices,
    WagtailAdminPageForm,
):
    """Puts the writer's own ``Author`` profile first on the byline of a new article.

    Bylines and tags are loaded in one query each, whatever their number.
    """

    def __init__(self, data=None, files=None, *args, **kwargs):
        # By label: the page models are built with this form.
        ArticleAuthor = apps.get_model("editorial", "ArticleAuthor")
        Author = apps.get_model("editorial", "Author")
        instance, user = kwargs.get("instance"), kwargs.get("for_user")
        if (
            data is None
            and instance is not None
            and instance.pk is None
            and user is not None
            and not instance.article_authors.all()
        ):
            profile = Author.objects.filter(user=user).first()
            if profile is not None:
                instance.article_authors = [ArticleAuthor(author=profile)]
        if instance is not None:
            load_tags_at_once(instance)
        super().__init__(data, files, *args, **kwargs)
        self.share_byline_authors(Author)

    def share_byline_authors(self, author_model):
        formset = self.formsets.get("article_authors")
        forms = formset.forms if formset is not None else []
        ids = {form.instance.author_id for form in forms if form.instance.author_id}
        authors = author_model.objects.in_bulk(ids) if ids else {}
        for form in forms:
            widget = form.fields["author"].widget
            if isinstance(widget, BylineAuthorChooser):
                widget.loaded = authors
