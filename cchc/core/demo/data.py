"""Static content of the sample province: unit types, agencies, districts, name syllables, users.

Every name here is invented (or a generic agency title) and the whole province is sample data.
"""

from __future__ import annotations

import datetime as dt

PROVINCE_CODE = "T99"
PROVINCE_NAME = "Tỉnh Mẫu"
SAMPLE_NOTE = "Dữ liệu mẫu — không phải số liệu thật"
EMAIL_DOMAIN = "tinhmau.example"  # reserved TLD: no mail can ever reach a real address

FOUNDED = dt.date(2008, 1, 1)
DEPT_REFORM = dt.date(2025, 3, 1)  # departments reorganised (Nghị quyết 18-NQ/TW)
REFORM = dt.date(2025, 7, 1)  # two-level local government: districts end, communes merged
LAST_OLD_DAY = dt.date(2025, 6, 30)

DEPT_DECISION = (
    "Nghị quyết số 25/NQ-HĐND ngày 20/02/2025 của HĐND tỉnh về thành lập, tổ chức lại các sở (mẫu)"
)
DISTRICT_DECISION = "Luật Tổ chức chính quyền địa phương năm 2025: kết thúc hoạt động cấp huyện (mẫu)"
# The commune resolution number is drawn from the seed: "Nghị quyết số 1xxx/NQ-UBTVQH15 …".
COMMUNE_DECISION = (
    "Nghị quyết số {number}/NQ-UBTVQH15 ngày 16/6/2025 về sắp xếp đơn vị hành chính cấp xã (mẫu)"
)

# code, name, English name, level, territorial, sort order
UNIT_TYPES: list[tuple[str, str, str, int, bool, int]] = [
    ("tinh", "Tỉnh", "Province", 1, True, 1),
    ("so", "Sở", "Department", 1, False, 10),
    ("ban", "Ban", "Board", 1, False, 15),
    ("nganh", "Cơ quan ngành dọc", "Vertically managed agency", 1, False, 20),
    ("trung-tam", "Trung tâm Phục vụ hành chính công", "Public administration service centre", 1, False, 30),
    ("don-vi-su-nghiep", "Đơn vị sự nghiệp công lập", "Public service unit", 1, False, 40),
    ("thanh-pho", "Thành phố thuộc tỉnh", "Provincial city", 2, True, 50),
    ("thi-xa", "Thị xã", "Town", 2, True, 51),
    ("huyen", "Huyện", "District", 2, True, 52),
    ("xa", "Xã", "Commune", 3, True, 60),
    ("phuong", "Phường", "Ward", 3, True, 61),
    ("thi-tran", "Thị trấn", "Township", 3, True, 62),
    ("dac-khu", "Đặc khu", "Special zone", 3, True, 63),
]

# Agencies valid today (the post-2025 set). key, type, name, abbreviation, founded
AGENCIES: list[tuple[str, str, str, str, dt.date]] = [
    ("VPUB", "so", "Văn phòng Ủy ban nhân dân tỉnh", "VPUB", FOUNDED),
    ("SNV", "so", "Sở Nội vụ", "SNV", FOUNDED),
    ("STC", "so", "Sở Tài chính", "STC", FOUNDED),
    ("STP", "so", "Sở Tư pháp", "STP", FOUNDED),
    ("SXD", "so", "Sở Xây dựng", "SXD", FOUNDED),
    ("SNNMT", "so", "Sở Nông nghiệp và Môi trường", "SNNMT", DEPT_REFORM),
    ("SCT", "so", "Sở Công Thương", "SCT", FOUNDED),
    ("SYT", "so", "Sở Y tế", "SYT", FOUNDED),
    ("SGDDT", "so", "Sở Giáo dục và Đào tạo", "SGDĐT", FOUNDED),
    ("SVHTTDL", "so", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", FOUNDED),
    ("SKHCN", "so", "Sở Khoa học và Công nghệ", "SKHCN", FOUNDED),
    ("SDTTG", "so", "Sở Dân tộc và Tôn giáo", "SDTTG", DEPT_REFORM),
    ("SNGV", "so", "Sở Ngoại vụ", "SNgV", FOUNDED),
    ("TTR", "so", "Thanh tra tỉnh", "TTr", FOUNDED),
    ("BQLKCN", "ban", "Ban Quản lý các khu công nghiệp", "BQLKCN", FOUNDED),
    ("BQLKKT", "ban", "Ban Quản lý Khu kinh tế cửa khẩu", "BQLKKT", FOUNDED),
    ("CAT", "nganh", "Công an tỉnh", "CAT", FOUNDED),
    ("BCHQS", "nganh", "Bộ Chỉ huy Quân sự tỉnh", "BCHQS", FOUNDED),
    ("THUE", "nganh", "Thuế tỉnh", "THUE", FOUNDED),
    ("KBNN", "nganh", "Kho bạc Nhà nước khu vực", "KBNN", FOUNDED),
    ("BHXH", "nganh", "Bảo hiểm xã hội tỉnh", "BHXH", FOUNDED),
    ("TK", "nganh", "Thống kê tỉnh", "TK", FOUNDED),
    ("HQ", "nganh", "Hải quan khu vực", "HQ", FOUNDED),
]

# Departments that ended on 28/02/2025: key, type, name, abbreviation
OLD_AGENCIES: list[tuple[str, str, str, str]] = [
    ("SKHDT", "so", "Sở Kế hoạch và Đầu tư", "SKHĐT"),
    ("SGTVT", "so", "Sở Giao thông vận tải", "SGTVT"),
    ("STNMT", "so", "Sở Tài nguyên và Môi trường", "STNMT"),
    ("SNNPTNT", "so", "Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT"),
    ("STTTT", "so", "Sở Thông tin và Truyền thông", "STTTT"),
    ("SLDTBXH", "so", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
    ("BDT", "ban", "Ban Dân tộc", "BDT"),
]
# 01/03/2025: merges (sources → target), splits (source → [(target, share)]), renames.
AGENCY_MERGES: list[tuple[list[str], str]] = [
    (["SKHDT"], "STC"),
    (["SGTVT"], "SXD"),
    (["STNMT", "SNNPTNT"], "SNNMT"),
]
AGENCY_SPLITS: list[tuple[str, list[tuple[str, str]]]] = [
    ("SLDTBXH", [("SNV", "0.7"), ("SYT", "0.2"), ("SGDDT", "0.1")]),
    ("STTTT", [("SKHCN", "0.8"), ("SVHTTDL", "0.2")]),
]
AGENCY_RENAMES: list[tuple[str, str]] = [("BDT", "SDTTG")]

# Public service units: key, parent agency key, name, abbreviation
SERVICE_UNITS: list[tuple[str, str, str, str]] = [
    ("CDC", "SYT", "Trung tâm Kiểm soát bệnh tật tỉnh", "CDC"),
    ("BVDK", "SYT", "Bệnh viện Đa khoa tỉnh", "BVĐK"),
    ("TGPL", "STP", "Trung tâm Trợ giúp pháp lý nhà nước", "TTTGPL"),
    ("KN", "SNNMT", "Trung tâm Khuyến nông", "TTKN"),
]
CENTRE = ("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC")

# Districts until 30/06/2025: type, name, number of communes, border district
DISTRICTS: list[tuple[str, str, int, bool]] = [
    ("thanh-pho", "Thành phố Trường An", 14, False),
    ("thi-xa", "Thị xã Ân Phú", 13, False),
    ("huyen", "Huyện Đắk Mai", 13, True),
    ("huyen", "Huyện Đông Lâm", 14, False),
    ("huyen", "Huyện Ô Thanh", 12, False),
    ("huyen", "Huyện Ưng Bình", 15, True),
    ("huyen", "Huyện Sơn Vân", 14, False),
    ("huyen", "Huyện Lạc Yên", 13, False),
    ("huyen", "Huyện Kim Tường", 14, False),
    ("huyen", "Huyện Ngọc Khê", 15, False),  # coastal: its islands become the đặc khu
]
BORDER_COMMUNES = 5
MIN_NEW_COMMUNES = 62

# Invented place names: a first and a second syllable. Names starting with Â, Ă, Đ, Ô, Ư make the
# Vietnamese alphabetical order visible; "Đắk …" and "Đặng …" show accent-free search.
FIRST_SYLLABLES = [
    "An", "Ân", "Âu", "Ăng", "Bình", "Bắc", "Cẩm", "Cao", "Châu", "Chiêu", "Đắk", "Đặng", "Đông",
    "Đức", "Gia", "Hà", "Hải", "Hòa", "Hồng", "Hưng", "Khánh", "Kim", "Lạc", "Lâm", "Long", "Mai",
    "Minh", "Mỹ", "Nam", "Ngọc", "Nghĩa", "Ô", "Phú", "Phúc", "Phước", "Quang", "Sơn", "Tân",
    "Thạch", "Thanh", "Thái", "Thuận", "Tiên", "Trung", "Trường", "Ưng", "Vân", "Vĩnh", "Xuân", "Yên",
]  # fmt: skip
SECOND_SYLLABLES = [
    "An", "Bình", "Cát", "Châu", "Điền", "Đông", "Giang", "Hà", "Hải", "Hòa", "Hội", "Hưng", "Khê",
    "Lạc", "Lâm", "Lợi", "Long", "Lộc", "Mai", "Minh", "Mỹ", "Nguyên", "Nhuận", "Phong", "Phú",
    "Phúc", "Quang", "Sơn", "Tâm", "Tân", "Thành", "Thịnh", "Thọ", "Thủy", "Tiến", "Trạch", "Trung",
    "Tường", "Vân", "Xuân", "Yên",
]  # fmt: skip
# Names given to one new commune of each district (by index) so the demo always shows them.
SHOWCASE_NAMES = {
    0: "Đặng Lâm",
    1: "Ân Hòa",
    2: "Đắk Mai",  # the commune of the demo account xa.dakmai
    3: "Ăng Sơn",
    4: "Ô Thanh",
    5: "Ưng Bình",
    6: "Âu Lạc",
    7: "An Khê",
}

# Demo accounts: username, full name, position, [(role, unit key)], superuser.
# Unit keys: "province", an agency key, or "commune" (the new "Xã Đắk Mai").
DEMO_PASSWORD = "Cchc@2025-demo"
USERS: list[tuple[str, str, str, list[tuple[str, str]], bool]] = [
    ("quantri", "Quản Trị Hệ Thống", "Quản trị hệ thống", [("system_admin", "province")], True),
    (
        "snv.admin",
        "Nguyễn Thị Mẫu",
        "Chuyên viên Phòng Cải cách hành chính, Sở Nội vụ",
        [("province_admin", "province")],
        False,
    ),
    ("so.tuphap", "Trần Văn Đầu Mối", "Chuyên viên Văn phòng Sở Tư pháp", [("focal_officer", "STP")], False),
    ("so.tuphap.lanhdao", "Lê Thị Lãnh Đạo", "Phó Giám đốc Sở Tư pháp", [("unit_leader", "STP")], False),
    ("xa.dakmai", "Phạm Văn Xã", "Công chức Văn phòng - Thống kê", [("focal_officer", "commune")], False),
    (
        "thamdinh",
        "Hoàng Thị Thẩm Định",
        "Thành viên Tổ thẩm định Chỉ số CCHC",
        [("appraiser", "province")],
        False,
    ),
    ("lanhdao", "Võ Văn Chỉ Đạo", "Thành viên Ban Chỉ đạo CCHC tỉnh", [("viewer", "province")], False),
    (
        "kiemnhiem",
        "Đỗ Thị Kiêm Nhiệm",
        "Chuyên viên đầu mối CCHC (kiêm nhiệm hai đơn vị)",
        [("focal_officer", "SYT"), ("focal_officer", "SKHCN")],
        False,
    ),
]
