from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from editorial.importing.build import IMPORT_ACTION
from editorial.viewsets import EditorialViewSetGroup

register_snippet(EditorialViewSetGroup)


@hooks.register("register_log_actions")
def register_import_action(actions):
    @actions.register_action(IMPORT_ACTION)
    class ImportFormatter(LogFormatter):
        label = "Import"

        def format_message(self, log_entry):
            source = log_entry.data.get("source")
            return f"Imported from {source}" if source else "Imported"
