"""The editors' admin screens for corrections and updates."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from editorial.roles import RecordsCreatorMixin

from .models import ArticleCorrection


class CorrectionCreateView(RecordsCreatorMixin, CreateView):
    def get_initial(self):
        # "Add correction" on an article's page links here with the article chosen.
        initial = super().get_initial()
        page_id = self.request.GET.get("page", "")
        if page_id.isdigit():
            initial["page"] = int(page_id)
        return initial


class CorrectionViewSet(SnippetViewSet):
    model = ArticleCorrection
    icon = "warning"
    menu_label = _("Corrections")
    list_display = ["page", "kind", "published_at"]
    list_filter = ["kind"]
    ordering = ["-published_at", "-pk"]
    add_view_class = CorrectionCreateView
