"""Heartbeats: when each periodic job, and the task worker, last did its work."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Error texts are kept short: the full traceback is in the log.
ERROR_LENGTH = 500


class Heartbeat(models.Model):
    """One row per job name, shared by every server: a timer on one machine and the
    readiness check on another read the same time."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    last_success = models.DateTimeField(_("last success"), null=True)
    last_failure = models.DateTimeField(_("last failure"), null=True)
    last_error = models.CharField(_("last error"), max_length=ERROR_LENGTH, blank=True)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return self.name

    @classmethod
    def record_success(cls, name):
        cls.objects.update_or_create(name=name, defaults={"last_success": timezone.now()})

    @classmethod
    def record_failure(cls, name, error):
        cls.objects.update_or_create(
            name=name,
            defaults={"last_failure": timezone.now(), "last_error": str(error)[:ERROR_LENGTH]},
        )

    @classmethod
    def last_successes(cls, names):
        """``{name: time of its last success or None}``, in one query."""
        found = dict(cls.objects.filter(name__in=names).values_list("name", "last_success"))
        return {name: found.get(name) for name in names}

    @classmethod
    def last_success_of(cls, name):
        return cls.last_successes([name])[name]


def is_late(last_success, limit_minutes):
    """Whether a job that last succeeded at ``last_success`` (``None``: never) is late."""
    return last_success is None or timezone.now() - last_success > timedelta(minutes=limit_minutes)
