"""API: progress of background jobs (imports, exports, recomputations)."""

# No `from __future__ import annotations` here: ninja builds its parameter models from the
# evaluated annotations of the operations.

import uuid

from django.http import HttpRequest
from ninja import Router

from cchc.api.auth import current_user
from cchc.api.schemas.common import ERRORS_READ
from cchc.api.schemas.jobs import JobOut
from cchc.jobs import selectors
from cchc.jobs.models import Job

router = Router(tags=["Tác vụ nền"])


@router.get(
    "/{job_id}",
    response={200: JobOut, **ERRORS_READ},
    summary="Trạng thái tác vụ nền",
    url_name="job_detail",
)
def job_detail(request: HttpRequest, job_id: uuid.UUID) -> Job:
    """Trạng thái, tiến độ, thông báo, lỗi và kết quả của một tác vụ của người gọi
    (hoặc của đơn vị người gọi quản trị). 404 nếu ngoài phạm vi."""
    return selectors.get_job_for_user(current_user(request), job_id)
