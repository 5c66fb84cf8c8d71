from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each room connects its receivers in its signals module, once imported here; the
        # reader registers its fragments (a proxy may ask for one before any page) and
        # forgets its cached sites when one changes, in every process.
        from editorial.content import signals as content_signals  # noqa: F401
        from editorial.corrections import signals as corrections_signals  # noqa: F401
        from editorial.operations import signals as operations_signals  # noqa: F401
        from editorial.reader import fragments, sites  # noqa: F401
        from editorial.review import signals as review_signals  # noqa: F401
