"""Sample dossiers of the sample province: a sample procedure catalogue and about 200.000
dossiers over the last two years (settings.CCHC_DEMO_DOSSIERS), from the same generator as the
benchmark, bulk-written then summarised once. Everything is marked as sample data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cchc.dossiers import summaries
from cchc.dossiers.generator import ProcSpec, UnitSpec, generate
from cchc.dossiers.importer import BATCH, DossierWriter
from cchc.dossiers.models import Dossier, Procedure
from cchc.orgunits.models import OrgUnit

ORDER = 40
SOURCE = "MAU"

# code, name, field, level, time, unit, online level, fee, weight (share of intake)
CATALOGUE: list[tuple[str, str, str, str, str, str, str, int, float]] = [
    ("MAU.HT.001", "Đăng ký khai sinh", "Hộ tịch", "xa", "1", "days", "full", 0, 9),
    ("MAU.HT.002", "Đăng ký kết hôn", "Hộ tịch", "xa", "1", "days", "partial", 0, 3),
    ("MAU.HT.003", "Đăng ký khai tử", "Hộ tịch", "xa", "1", "days", "full", 0, 2),
    ("MAU.HT.004", "Cấp bản sao trích lục hộ tịch", "Hộ tịch", "xa", "4", "hours", "full", 8000, 6),
    ("MAU.HT.005", "Xác nhận tình trạng hôn nhân", "Hộ tịch", "xa", "3", "days", "full", 0, 4),
    ("MAU.CT.001", "Chứng thực bản sao từ bản chính", "Chứng thực", "xa", "4", "hours", "partial", 2000, 10),
    ("MAU.CT.002", "Chứng thực chữ ký", "Chứng thực", "xa", "4", "hours", "none", 10000, 4),
    ("MAU.DD.001", "Đăng ký biến động quyền sử dụng đất", "Đất đai", "xa", "10", "days", "partial", 50000, 5),
    (
        "MAU.DD.002",
        "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
        "Đất đai",
        "xa",
        "20",
        "days",
        "partial",
        100000,
        2,
    ),
    ("MAU.BTXH.001", "Trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", "xa", "10", "days", "full", 0, 2),
    (
        "MAU.XD.001",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Xây dựng",
        "xa",
        "15",
        "days",
        "partial",
        75000,
        2,
    ),
    (
        "MAU.HKD.001",
        "Đăng ký thành lập hộ kinh doanh",
        "Thành lập và hoạt động của hộ kinh doanh",
        "xa",
        "3",
        "days",
        "full",
        100000,
        3,
    ),
    (
        "MAU.DN.001",
        "Đăng ký thành lập doanh nghiệp",
        "Thành lập và hoạt động doanh nghiệp",
        "tinh",
        "3",
        "days",
        "full",
        50000,
        4,
    ),
    (
        "MAU.DN.002",
        "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
        "Thành lập và hoạt động doanh nghiệp",
        "tinh",
        "3",
        "days",
        "full",
        50000,
        5,
    ),
    ("MAU.LLTP.001", "Cấp Phiếu lý lịch tư pháp", "Lý lịch tư pháp", "tinh", "10", "days", "full", 200000, 6),
    ("MAU.GTVT.001", "Cấp đổi giấy phép lái xe", "Đường bộ", "tinh", "5", "days", "full", 135000, 7),
    (
        "MAU.YT.001",
        "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh",
        "Khám bệnh, chữa bệnh",
        "tinh",
        "20",
        "days",
        "partial",
        360000,
        1,
    ),
    (
        "MAU.NV.001",
        "Thi tuyển, xét tuyển công chức",
        "Công chức, viên chức",
        "tinh",
        "15",
        "days",
        "none",
        0,
        1,
    ),
    (
        "MAU.NV.002",
        "Thành lập hội, hiệp hội cấp tỉnh",
        "Tổ chức phi chính phủ",
        "tinh",
        "30",
        "days",
        "partial",
        0,
        0.5,
    ),
    ("MAU.TNMT.001", "Cấp giấy phép môi trường", "Môi trường", "tinh", "30", "days", "partial", 500000, 0.5),
    (
        "MAU.GD.001",
        "Công nhận văn bằng do nước ngoài cấp",
        "Giáo dục và đào tạo",
        "tinh",
        "20",
        "days",
        "full",
        0,
        1,
    ),
    (
        "MAU.XD.002",
        "Cấp chứng chỉ hành nghề hoạt động xây dựng",
        "Hoạt động xây dựng",
        "tinh",
        "20",
        "days",
        "full",
        300000,
        1,
    ),
    (
        "MAU.CT.003",
        "Cấp giấy phép bán lẻ rượu",
        "Lưu thông hàng hóa trong nước",
        "tinh",
        "15",
        "days",
        "full",
        1200000,
        1,
    ),
    (
        "MAU.VH.001",
        "Cấp giấy phép tổ chức biểu diễn nghệ thuật",
        "Nghệ thuật biểu diễn",
        "tinh",
        "5",
        "days",
        "full",
        0,
        0.5,
    ),
]
# Province-level procedures by handling agency (sample province agency codes).
AGENCY_PROCEDURES = {
    "STC": ["MAU.DN.001", "MAU.DN.002"],
    "STP": ["MAU.LLTP.001"],
    "SXD": ["MAU.GTVT.001", "MAU.XD.002"],
    "SYT": ["MAU.YT.001"],
    "SNV": ["MAU.NV.001", "MAU.NV.002"],
    "SNNMT": ["MAU.TNMT.001"],
    "SGDDT": ["MAU.GD.001"],
    "SCT": ["MAU.CT.003"],
    "SVHTTDL": ["MAU.VH.001"],
}
COMMUNE_TYPES = ("xa", "phuong", "dac-khu", "thi-tran")


def is_loaded() -> bool:
    return Dossier.objects.filter(is_sample=True).exists()


def _catalogue() -> dict[str, Procedure]:
    procs = {}
    for code, name, field, level, time, unit, online, fee, _w in CATALOGUE:
        procs[code], _ = Procedure.objects.update_or_create(
            code=code,
            defaults={
                "name": f"{name} (mẫu)",
                "field": field,
                "level": level,
                "processing_time": Decimal(time),
                "time_unit": unit,
                "online_level": online,
                "fee": Decimal(fee),
                "is_sample": True,
            },
        )
    return procs


def _spec(p: Procedure, weight: float) -> ProcSpec:
    return ProcSpec(p.pk, p.processing_time, p.time_unit, p.online_level, bool(p.fee), weight)


def load(*, seed: int) -> str:
    total = int(getattr(settings, "CCHC_DEMO_DOSSIERS", 200_000))
    today = timezone.localdate()
    with transaction.atomic():
        procs = _catalogue()
        weights = {row[0]: row[8] for row in CATALOGUE}
        commune_procs = [_spec(p, weights[c]) for c, p in procs.items() if p.level == "xa"]
        units: list[UnitSpec] = []
        for u in OrgUnit.objects.filter(is_sample=True, unit_type__code__in=COMMUNE_TYPES).exclude(
            valid_to__lt=today
        ):
            units.append(UnitSpec(u.pk, u.code, commune_procs, 1.0))
        prefix = (
            OrgUnit.objects.filter(is_sample=True, parent__isnull=True).values_list("code", flat=True).first()
            or ""
        )
        for key, codes in AGENCY_PROCEDURES.items():
            unit = OrgUnit.objects.filter(code=f"{prefix}-{key}").first()
            if unit is not None:
                specs = [_spec(procs[c], weights[c]) for c in codes]
                units.append(UnitSpec(unit.pk, unit.code, specs, 3.0 * sum(s.weight for s in specs) / 10))
                Procedure.objects.get(pk=specs[0].id).competent_units.add(unit)
        if not units:
            return "Hồ sơ một cửa: không có đơn vị mẫu để sinh hồ sơ."
        start = today.replace(year=today.year - 2) + dt.timedelta(days=1)
        writer = DossierWriter()
        batch = []
        for row in generate(
            n=total, units=units, start=start, end=today, now=timezone.now(), seed=seed, source=SOURCE
        ):
            batch.append(row)
            if len(batch) >= BATCH:
                writer.write(batch)
                batch = []
        if batch:
            writer.write(batch)
        summaries.refresh()
    return f"Hồ sơ một cửa: {len(CATALOGUE)} thủ tục mẫu, {total:,} hồ sơ mẫu trong 2 năm gần nhất.".replace(
        ",", "."
    )
