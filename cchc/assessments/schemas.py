"""API schemas of the PAR INDEX cycles (descriptions in Vietnamese, like the rest of the API)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from cchc.api.schemas.common import UnitRef


class CycleOut(Schema):
    id: int
    year: int
    name: str
    status: str = Field(
        ..., description="draft, self_assessment, appraisal_1, explanation, appraisal_2, published"
    )
    owner: UnitRef
    survey_ran: bool
    bonus_cap: Decimal | None
    penalty_cap: Decimal | None
    bands: list[list[str]] = Field(..., description="[nhãn, cận dưới tính bằng %] từ cao xuống thấp")
    self_deadline: dt.date | None
    appraisal1_deadline: dt.date | None
    explanation_deadline: dt.date | None
    appraisal2_deadline: dt.date | None
    publication_deadline: dt.date | None
    is_sample: bool


class ParticipantOut(Schema):
    assessment_id: int
    unit: UnitRef
    group: str
    status: str
    late: bool


class CycleDetailOut(CycleOut):
    participants: list[ParticipantOut] = Field(..., description="Các đơn vị trong phạm vi của người gọi.")


class AnswerOut(Schema):
    id: int
    criterion_id: int
    code: str
    title: str
    max_points: Decimal
    method: str
    declared: dict[str, Any]
    not_applicable: bool
    self_points: Decimal | None
    explanation: str
    provided_value: Decimal | None
    provided_source: str
    r1_decision: str
    r1_points: Decimal | None
    r1_comment: str
    response: str
    r2_decision: str
    r2_points: Decimal | None
    r2_comment: str
    version: int = Field(..., description="Gửi lại khi lưu: lưu trên phiên bản cũ sẽ bị từ chối (422).")


class AssessmentOut(Schema):
    id: int
    cycle_id: int
    unit: UnitRef
    status: str
    submitted_at: dt.datetime | None
    explanation_submitted_at: dt.datetime | None
    answers: list[AnswerOut]


class EvidenceOut(Schema):
    id: int
    title: str
    doc_number: str
    doc_date: dt.date | None
    kind: str
    size: int
    sha256: str
    stage: str
    criteria: list[str]
    uploaded_at: dt.datetime


class SelfIn(Schema):
    declared: dict[str, Any] = Field(
        default_factory=dict, description="Giá trị kê khai theo các trường của quy tắc."
    )
    explanation: str | None = None
    version: int


class AppraiseIn(Schema):
    decision: str = Field(..., description="accept (chấp nhận/giữ nguyên) hoặc adjust (chấm lại)")
    points: Decimal | None = None
    declared: dict[str, Any] | None = Field(
        None, description="Kết quả điều tra (tiêu chí điều tra xã hội học)."
    )
    comment: str = ""
    version: int


class ExplainIn(Schema):
    response: str
    version: int


class ResultOut(Schema):
    unit: UnitRef
    group: str
    rank: int | None
    total: Decimal
    max_applicable: Decimal
    index: Decimal | None
    band: str
    bonus: Decimal
    penalty: Decimal
    domains: list[dict[str, Any]]
    prev_total: Decimal | None
    prev_rank: int | None


class PublishedCycleOut(Schema):
    id: int
    year: int
    name: str
    owner: str
    version: int
    sha256: str
    published_at: dt.datetime


class PublicationOut(PublishedCycleOut):
    snapshot: dict[str, Any] = Field(
        ..., description="Ảnh chụp kết quả đã công bố; sha256 tính trên JSON chuẩn hoá."
    )
