from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial import corrections, notifications, review_claims
        from editorial.signal_handlers import register_signal_handlers

        notifications.connect()
        corrections.connect()
        review_claims.connect()
        register_signal_handlers()
