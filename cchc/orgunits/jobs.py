"""Background jobs of the organisation units (registered with cchc.jobs on start-up)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage

from cchc.jobs.registry import Report, job_handler
from cchc.orgunits.imports import import_file

IMPORT_KIND = "orgunits.import"


@job_handler(IMPORT_KIND)
def import_units(job: Any, report: Report) -> dict[str, Any]:
    """Apply an uploaded unit file (checked again: the data may have changed since the preview).

    params: {"path": storage name under imports/, "user_id": the importing user, "filename": …}.
    All rows are written in one transaction; any error fails the job and writes nothing.
    """
    params = job.params
    actor = get_user_model().objects.get(pk=params["user_id"])
    path = str(params["path"])
    with default_storage.open(path, "rb") as handle:
        data = handle.read()
    return import_file(data, params.get("filename") or PurePath(path).name, actor=actor, report=report)
