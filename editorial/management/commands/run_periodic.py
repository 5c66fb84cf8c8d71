import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from editorial.operations.jobs import JOBS
from editorial.operations.models import Heartbeat
from editorial.operations.periodic import due_jobs, run_job


class Command(BaseCommand):
    help = (
        "Run the periodic jobs that are due (scheduled publishing, the trending refresh, the "
        "worker's heartbeat, pruning old task results) and record when each succeeded. "
        "Start it every minute from a timer; name jobs to run them now, due or not."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "jobs", nargs="*", metavar="JOB", help="run these jobs now: " + ", ".join(self.names)
        )
        parser.add_argument(
            "--list",
            action="store_true",
            dest="list_only",
            help="list the jobs, when each last succeeded and whether it is due; run nothing",
        )
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="keep running, every SECONDS, until stopped (for development; production "
            "uses a timer)",
        )

    @property
    def names(self):
        return [job.name for job in JOBS]

    def handle(self, *args, jobs, list_only, every, verbosity, **options):
        self.verbosity = verbosity
        unknown = sorted(set(jobs) - set(self.names))
        if unknown:
            raise CommandError(
                f"Unknown job {', '.join(unknown)}; the jobs are {', '.join(self.names)}."
            )
        if list_only:
            self.list_jobs()
            return
        if every is None:
            self.run_once(jobs, fail=True)
            return
        if every < 1:
            raise CommandError("--every needs at least 1 second.")
        while True:
            close_old_connections()
            self.run_once(jobs, fail=False)
            time.sleep(every)

    def list_jobs(self):
        now = timezone.now()
        last = Heartbeat.last_successes(self.names)
        due = {job.name for job in due_jobs(JOBS, now)}
        for job in JOBS:
            when = last[job.name].isoformat(timespec="seconds") if last[job.name] else "never"
            state = "due" if job.name in due else "not due"
            self.stdout.write(f"{job.name}: every {job.every}, last success {when}, {state}")

    def run_once(self, names, fail):
        chosen = [job for job in JOBS if job.name in names] if names else due_jobs(JOBS)
        outcomes = []
        for job in chosen:
            outcome = run_job(job)
            outcomes.append(outcome)
            if outcome.state == "failed":
                self.stderr.write(f"{job.name}: failed: {outcome.error}")
            elif outcome.state == "done" and self.verbosity:
                self.stdout.write(f"{job.name}: done in {outcome.seconds:.1f} s")
            elif self.verbosity:
                self.stdout.write(f"{job.name}: skipped, another run holds it")
        failed = [outcome.job.name for outcome in outcomes if outcome.state == "failed"]
        counts = {
            state: sum(outcome.state == state for outcome in outcomes)
            for state in ("done", "skipped", "failed")
        }
        if self.verbosity:
            self.stdout.write(
                f"{counts['done']} done, {counts['skipped']} skipped, {counts['failed']} failed; "
                f"{len(JOBS) - len(chosen)} not due."
            )
        if failed and fail:
            raise CommandError(f"Periodic jobs failed: {', '.join(failed)} (see the log).")
