from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial import notifications
        from editorial.signal_handlers import register_signal_handlers

        notifications.connect()
        register_signal_handlers()
