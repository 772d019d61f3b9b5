"""Public API (no credentials): published PAR INDEX results only."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from cchc.api.schemas.common import ErrorOut
from cchc.assessments import selectors
from cchc.assessments.models import Publication
from cchc.assessments.schemas import PublicationOut, PublishedCycleOut

router = Router(tags=["public"], auth=None)


def _summary(p: Publication) -> dict[str, Any]:
    c = p.cycle
    return {
        "id": c.pk,
        "year": c.year,
        "name": c.name,
        "owner": c.owner.name,
        "version": p.version,
        "sha256": p.sha256,
        "published_at": p.published_at,
    }


@router.get("/par-index", response=list[PublishedCycleOut], summary="Các kết quả Chỉ số CCHC đã công bố")
def published_list(request: HttpRequest) -> list[dict[str, Any]]:
    out = []
    for cycle in selectors.published_cycles():
        publication = selectors.latest_publication(cycle)
        if publication is not None:
            out.append(_summary(publication))
    return out


@router.get(
    "/par-index/{cycle_id}",
    response={200: PublicationOut, 404: ErrorOut},
    summary="Kết quả đã công bố của một đợt",
)
def published_detail(request: HttpRequest, cycle_id: int) -> dict[str, Any]:
    _cycle, publication = selectors.get_published(cycle_id)
    return {**_summary(publication), "snapshot": publication.snapshot}
