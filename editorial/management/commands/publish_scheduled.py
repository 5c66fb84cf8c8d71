from wagtail.management.commands import publish_scheduled

from editorial.management.locks import exclusive_job


class Command(publish_scheduled.Command):
    """Wagtail's publish_scheduled, made safe to start from overlapping timers.

    Two runs at once would both publish the same due revision, logging and notifying
    twice; the second run now leaves at once.
    """

    help = (
        "Publish revisions whose go-live time has passed and unpublish expired content. "
        "Run it every minute from a timer; a run that finds another in progress exits."
    )

    def handle(self, *args, **options):
        with exclusive_job("publish_scheduled") as acquired:
            if not acquired:
                self.stdout.write("Another publish_scheduled run is in progress; leaving it.")
                return
            super().handle(*args, **options)
