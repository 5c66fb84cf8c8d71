"""The dashboard's warning to editors when scheduled publishing has stopped."""

from django.conf import settings

from wagtail.admin.ui.components import Component

from editorial.roles import is_editor

from .jobs import PUBLISH_SCHEDULED
from .models import Heartbeat, is_late


class ScheduledPublishingWarningPanel(Component):
    """Shown to editors only while scheduled publishing is late: until it runs again, no
    scheduled article goes live and none expires."""

    name = "editorial_scheduled_publishing_warning"
    template_name = "editorial/operations/scheduled_publishing_warning.html"
    # Above every other panel: it explains why the "Scheduled" panel is not moving.
    order = 10

    def render_html(self, parent_context=None):
        if not is_editor(parent_context["request"].user):
            return ""
        self.last_success = Heartbeat.last_success_of(PUBLISH_SCHEDULED)
        if not is_late(self.last_success, settings.SCHEDULED_PUBLISHING_MAX_DELAY_MINUTES):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {"last_success": self.last_success}
