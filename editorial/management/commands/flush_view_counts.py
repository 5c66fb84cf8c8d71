from django.core.management.base import BaseCommand, CommandError

from redis import RedisError

from editorial.readership.counting import flush_view_counts


class Command(BaseCommand):
    help = (
        "Move the views counted in Redis by the beacon into the daily view counts, each "
        "exactly once: safe to run from a timer every minute, twice at once, or again "
        "after a run was interrupted. Without Redis (REDIS_URL unset) views are stored "
        "as they come and there is nothing to move."
    )

    def handle(self, *args, **options):
        try:
            summary = flush_view_counts()
        except RedisError as error:
            raise CommandError(f"Redis is not reachable: {error}") from error
        self.stdout.write(
            f"Flushed {summary.views} views into {summary.rows} article-days "
            f"from {summary.batches} batches"
            + (f"; {summary.dropped} views of deleted articles dropped" if summary.dropped else "")
            + (
                f"; {summary.already_applied} batches were already stored and were cleaned up"
                if summary.already_applied
                else ""
            )
            + "."
        )
