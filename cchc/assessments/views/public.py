"""Public pages (no sign-in): published rankings, unit scorecards and downloads.

Everything shown comes from the latest published snapshot, never from live rows, so the page and
its downloads match the content hash printed on it.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from cchc.assessments import documents, selectors

FORMATS = {
    "xlsx": (documents.snapshot_xlsx, documents.XLSX_CONTENT_TYPE),
    "csv": (documents.snapshot_csv, documents.CSV_CONTENT_TYPE),
    "json": (documents.snapshot_json, documents.JSON_CONTENT_TYPE),
}


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _group(snapshot: dict[str, Any], group_id: Any) -> dict[str, Any]:
    for group in snapshot["groups"]:
        if str(group["id"]) == str(group_id):
            return group
    raise Http404


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/index.html", {"cycles": selectors.published_cycles()})


@require_GET
def cycle(request: HttpRequest, pk: int) -> HttpResponse:
    cycle, publication = selectors.get_published(pk)
    versions = list(
        cycle.publications.order_by("-version").only("version", "published_at", "sha256", "reason")
    )
    return render(
        request,
        "public/cycle.html",
        {"cycle": cycle, "publication": publication, "snapshot": publication.snapshot, "versions": versions},
    )


@require_GET
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    cycle, publication = selectors.get_published(pk)
    if fmt not in FORMATS:
        raise Http404
    writer, content_type = FORMATS[fmt]
    name = f"chi-so-cchc-{cycle.year}-v{publication.version}.{fmt}"
    return _download(writer(publication.snapshot), content_type, name)


@require_GET
def ranking_word(request: HttpRequest, pk: int, group_id: int) -> HttpResponse:
    cycle, publication = selectors.get_published(pk)
    group = _group(publication.snapshot, group_id)
    data = documents.ranking_docx(publication.snapshot, group)
    name = f"xep-hang-{slugify(group['name'])}-{cycle.year}.docx"
    return _download(data, documents.DOCX_CONTENT_TYPE, name)


def _unit(snapshot: dict[str, Any], unit_pk: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    for group in snapshot["groups"]:
        for result in group["results"]:
            if str(result["unit_id"]) == str(unit_pk):
                return group, result
    raise Http404


@require_GET
def scorecard(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    cycle, publication = selectors.get_published(pk)
    group, result = _unit(publication.snapshot, unit_pk)
    return render(
        request,
        "public/scorecard.html",
        {
            "cycle": cycle,
            "publication": publication,
            "group": group,
            "result": result,
            "group_size": len(group["results"]),
        },
    )


@require_GET
def scorecard_word(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    cycle, publication = selectors.get_published(pk)
    group, result = _unit(publication.snapshot, unit_pk)
    data = documents.scorecard_docx(publication.snapshot, group, result)
    name = f"phieu-ket-qua-{result['unit_code']}-{cycle.year}.docx"
    return _download(data, documents.DOCX_CONTENT_TYPE, slugify(name.removesuffix(".docx")) + ".docx")
