"""Reports → Background tasks: what the worker has to do and what failed for good."""

import json

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from editorial.roles import forbidden

from .tasks import uses_worker

REPORT_SIZE = 100
ARGUMENTS_LENGTH = 120


def task_row(result):
    arguments = json.dumps(result.args_kwargs["args"] or result.args_kwargs["kwargs"])
    traceback = result.traceback.strip().splitlines()
    return {
        "id": result.pk,
        "name": result.task_name,
        "arguments": arguments[:ARGUMENTS_LENGTH],
        "attempts": len(result.worker_ids),
        "finished_at": result.finished_at,
        "run_after": result.run_after,
        "error": traceback[-1] if traceback else "",
    }


def administrators_only(request):
    if not request.user.is_superuser:
        return forbidden(request, gettext("Administrators only."))
    return None


class BackgroundTasksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/operations/background_tasks.html"
    page_title = _("Background tasks")
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        return administrators_only(request) or super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["uses_worker"] = uses_worker()
        if not context["uses_worker"]:
            return context
        results = DBTaskResult.objects.order_by()
        failed = results.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")
        # A task waiting for another attempt keeps the error of its last one.
        retrying = results.filter(status=TaskResultStatus.READY).exclude(exception_class_path="")
        context.update(
            queued=results.ready().count(),
            running=results.filter(status=TaskResultStatus.RUNNING).count(),
            failed_count=failed.count(),
            failed=[task_row(result) for result in failed[:REPORT_SIZE]],
            retrying=[task_row(result) for result in retrying.order_by("run_after")[:REPORT_SIZE]],
        )
        return context


@require_POST
def retry_task(request, result_id):
    """Queue a task that failed for good once more, at once."""
    refusal = administrators_only(request)
    if refusal:
        return refusal
    updated = DBTaskResult.objects.filter(pk=result_id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None
    )
    if updated:
        messages.success(request, gettext("The task is queued again."))
    else:
        messages.error(request, gettext("That task is not a failed one any more."))
    return redirect(reverse("editorial_background_tasks"))
