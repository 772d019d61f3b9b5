"""Background jobs of the dossier module: importing a dossier file."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from cchc.dossiers.importer import ImportResult, import_dossiers
from cchc.jobs.registry import Report, job_handler

IMPORT_KIND = "dossiers.import"


class ImportRefused(Exception):
    pass


def result_message(result: ImportResult) -> str:
    """The errors of a refused file as the job's error text (Vietnamese, one per line)."""
    if result.fatal:
        return result.fatal
    lines = [_("The file has errors, so nothing was imported:"), *result.errors]
    if result.error_count > len(result.errors):
        lines.append(_("… and %(n)s more errors.") % {"n": result.error_count - len(result.errors)})
    return "\n".join(lines)


@job_handler(IMPORT_KIND)
def import_file(job: Any, report: Report) -> dict[str, Any]:
    """params: {"path": storage name, "filename", "user_id", "source", "dry_run"}.
    A file with any error fails the job (its message lists the errors) and writes nothing; the
    uploaded file is deleted afterwards (a check-only run needs the file uploaded again)."""
    params = job.params
    actor = get_user_model().objects.get(pk=params["user_id"]) if params.get("user_id") else None
    path = str(params["path"])
    size = default_storage.size(path)
    try:
        with default_storage.open(path, "rb") as handle:
            result = import_dossiers(
                handle,
                params.get("filename") or path,
                size,
                actor=actor,
                source=params.get("source", ""),
                dry_run=bool(params.get("dry_run")),
                report=report,
            )
    finally:
        default_storage.delete(path)  # exports can be gigabytes: keep no copy once processed
    if not result.ok:
        raise ImportRefused(result_message(result))
    if result.dry_run:
        message = _("Check finished: the file is valid; nothing was written.")
    else:
        message = _("Import finished.")
    return {
        "message": message,
        "summary": {
            _("Rows"): result.rows,
            _("New dossiers"): result.created,
            _("Updated dossiers"): result.updated,
            _("Written"): _("Yes") if result.written else _("No (check only)"),
        },
        "import": result.as_dict(),
    }
