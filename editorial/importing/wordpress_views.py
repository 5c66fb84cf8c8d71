"""The admin screen where an administrator imports a WordPress export."""

import logging
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from editorial.roles import forbidden

from .wordpress import Options, WordPressImport
from .wxr import WxrError, WxrExport

logger = logging.getLogger(__name__)
REFUSED = _("Only administrators may import a WordPress site.")
# The admin imports within one web request, which gunicorn stops after GUNICORN_TIMEOUT
# (60 s by default) and the proxies in front give up on after a minute: at about 13
# posts a second (more with images), this many leave room. Larger archives use the
# command, which has no such limit.
ADMIN_POSTS = 300


class ImportWordPressForm(forms.Form):
    export = forms.FileField(
        label=_("WordPress export"),
        help_text=_("The .xml file from Tools → Export in WordPress (WXR 1.0 to 1.2)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml"}),
    )
    media_dir = forms.CharField(
        label=_("Uploads folder on the server"),
        required=False,
        help_text=_("A copy of the site's wp-content/uploads; images are read from there."),
    )
    sections = forms.ChoiceField(
        choices=[
            ("flatten", _("Every category becomes a section")),
            ("top", _("Nested categories go to their top-level section")),
        ],
        initial="flatten",
    )
    default_section = forms.SlugField(
        initial="news", help_text=_("The section of uncategorised posts.")
    )
    link_users = forms.BooleanField(
        required=False, label=_("Link authors to user accounts with the same email")
    )
    publish = forms.BooleanField(
        required=False,
        label=_("Publish posts that are published in WordPress"),
        help_text=_("Bypasses editorial review; the page history records it."),
    )
    force = forms.BooleanField(
        required=False, label=_("Overwrite articles edited in the admin since the last import")
    )
    dry_run = forms.BooleanField(required=False, label=_("Dry run: report only, save nothing"))

    def clean_media_dir(self):
        value = self.cleaned_data["media_dir"].strip()
        if value and not Path(value).is_dir():
            raise ValidationError(gettext("This folder does not exist on the server."))
        return Path(value) if value else None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("export")
        if upload is not None:
            export = WxrExport(upload)
            try:
                export.scan()
            except WxrError as error:
                logger.warning("wordpress import refused: %s: %s", upload.name, error)
                self.add_error("export", f"{upload.name}: {error}")
            else:
                self.check_size(upload, export)
            cleaned["wxr"] = export
        return cleaned

    def check_size(self, upload, export):
        posts = export.site.types.get("post", 0)
        if posts > ADMIN_POSTS:
            self.add_error(
                "export",
                gettext(
                    "%(name)s has %(posts)s posts; the admin imports up to %(limit)s, as a "
                    "longer import would outlast the web request. Import it on the server "
                    "with: manage.py import_wordpress %(name)s"
                )
                % {"name": upload.name, "posts": f"{posts:,}", "limit": ADMIN_POSTS},
            )


class ImportWordPressView(WagtailAdminTemplateMixin, FormView):
    template_name = "editorial/importing/import_wordpress.html"
    form_class = ImportWordPressForm
    page_title = _("Import from WordPress")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return forbidden(request, REFUSED)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.get_full_path(),
            submit_button_label=gettext("Import"),
            submit_button_active_label=gettext("Importing…"),
            **kwargs,
        )

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        data = form.cleaned_data
        options = Options(
            user=self.request.user,
            publish=data["publish"],
            sections=data["sections"],
            default_section=data["default_section"],
            link_users=data["link_users"],
            media_dir=data["media_dir"],
            force=data["force"],
            dry_run=data["dry_run"],
        )
        report = WordPressImport(data["wxr"], options).run()
        return self.render_to_response(
            self.get_context_data(
                form=self.get_form_class()(), report=report, dry_run=options.dry_run
            )
        )
