"""Shapes of the sample frameworks (dữ liệu mẫu). Domain maxima of the department framework follow the
province-level table of Decision 2948/QĐ-BNV (2017); everything else is plausible sample data that a
province replaces with its own decision (criteria counts and points under 876/1187 are UNVERIFIED).

A leaf is (title, max, rule); an internal node is (title, [children]) and its maximum is the sum of
its children's. Codes are given by position (1, 1.1, 1.1.2 …).
"""

from __future__ import annotations

from typing import Any

Rule = dict[str, Any]


def yes_no(na: bool = False, question: str = "") -> Rule:
    params: dict[str, Any] = {"allow_na": True} if na else {}
    if question:
        params["question"] = question
    return {"rule_type": "yes_no", "rule_params": params}


def ratio_tiers(*tiers: tuple[int, str], num: str = "", den: str = "") -> Rule:
    params: dict[str, Any] = {"basis": "ratio", "tiers": [[t, p] for t, p in tiers]}
    if num:
        params["numerator_label"] = num
    if den:
        params["denominator_label"] = den
    return {"rule_type": "tiers", "rule_params": params}


def pct_tiers(*tiers: tuple[int, str], label: str = "") -> Rule:
    params: dict[str, Any] = {"basis": "percent", "tiers": [[t, p] for t, p in tiers]}
    if label:
        params["value_label"] = label
    return {"rule_type": "tiers", "rule_params": params}


def count_tiers(*tiers: tuple[int, str], label: str = "") -> Rule:
    params: dict[str, Any] = {"basis": "count", "tiers": [[t, p] for t, p in tiers]}
    if label:
        params["value_label"] = label
    return {"rule_type": "tiers", "rule_params": params}


def proportional(target: int = 100, label: str = "", basis: str = "percent") -> Rule:
    params: dict[str, Any] = {"basis": basis, "target": target}
    if label:
        params["value_label"] = label
    return {"rule_type": "proportional", "rule_params": params}


def per_occurrence(each: str, cap: str | None = None, label: str = "") -> Rule:
    params: dict[str, Any] = {"points_each": each}
    if cap:
        params["cap"] = cap
    if label:
        params["count_label"] = label
    return {"rule_type": "per_occurrence", "rule_params": params}


def deduction(each: str, label: str = "") -> Rule:
    params: dict[str, Any] = {"points_each": each}
    if label:
        params["count_label"] = label
    return {"rule_type": "deduction", "rule_params": params}


def deadline(month_day: str, grace: int = 0, late: str = "0", task: str = "") -> Rule:
    # The year is filled in by the loader (the framework's year).
    params: dict[str, Any] = {"deadline": month_day, "grace_days": grace, "late_points": late}
    if task:
        params["task_label"] = task
    return {"rule_type": "deadline", "rule_params": params}


SURVEY: Rule = {"rule_type": "survey", "rule_params": {}, "method": "survey"}
MANUAL: Rule = {"rule_type": "manual", "rule_params": {}}
PLAN_COMPLETION: Rule = {
    **ratio_tiers((100, "1"), (80, "0.5"), num="Số nhiệm vụ hoàn thành", den="Tổng số nhiệm vụ"),
    "method": "auto",
    "provider_key": "plans.completion_rate",
}
LEGAL_EDUCATION: Rule = {
    "rule_type": "formula",
    "rule_params": {
        "inputs": [
            {"name": "so_hoi_nghi", "label": "Số hội nghị, lớp phổ biến pháp luật", "kind": "count"},
            {"name": "ty_le_tham_gia", "label": "Tỷ lệ công chức tham gia (%)", "kind": "percent"},
        ],
        "expression": "min(2.5, 0.5 * so_hoi_nghi) if ty_le_tham_gia >= 70 else min(1.5, 0.5 * so_hoi_nghi)",
    },
}
ON_TIME = ratio_tiers(
    (100, "4"), (98, "3"), (95, "2"), (90, "1"), num="Số hồ sơ đúng hạn", den="Tổng số hồ sơ đã giải quyết"
)

BONUS = (
    "Điểm thưởng",
    [
        (
            "Mô hình, sáng kiến CCHC được cấp tỉnh công nhận",
            "2",
            per_occurrence("0.5", label="Số mô hình, sáng kiến"),
        ),
        ("Được khen thưởng về công tác CCHC", "1", yes_no()),
    ],
)
PENALTY = (
    "Điểm trừ",
    [
        (
            "Bị cơ quan có thẩm quyền phê bình về công tác CCHC",
            "3",
            per_occurrence("1", label="Số lần bị phê bình"),
        ),
        (
            "Công chức vi phạm kỷ luật trong giải quyết TTHC",
            "2",
            per_occurrence("0.5", label="Số trường hợp vi phạm"),
        ),
    ],
)

DEPARTMENT: list[tuple[str, list[Any]]] = [
    (
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        [
            (
                "Kế hoạch CCHC năm",
                [
                    (
                        "Ban hành kế hoạch CCHC năm đúng thời hạn",
                        "1",
                        deadline("01-31", 15, "0.5", "Đã ban hành kế hoạch"),
                    ),
                    ("Mức độ hoàn thành kế hoạch CCHC", "1", PLAN_COMPLETION),
                ],
            ),
            ("Thực hiện chế độ báo cáo CCHC định kỳ", "1.5", deduction("0.5", "Số báo cáo gửi trễ hạn")),
            (
                "Kiểm tra công tác CCHC",
                [
                    ("Ban hành kế hoạch kiểm tra CCHC", "0.5", yes_no()),
                    (
                        "Tỷ lệ đơn vị trực thuộc được kiểm tra",
                        "1",
                        {
                            **proportional(30),
                            "rule_params": {"basis": "percent", "target": 30, "allow_na": True},
                        },
                    ),
                ],
            ),
            (
                "Thông tin, tuyên truyền về CCHC",
                "2",
                count_tiers((4, "2"), (2, "1"), label="Số hoạt động tuyên truyền"),
            ),
            (
                "Sáng kiến, giải pháp mới trong CCHC",
                "1.5",
                per_occurrence("0.5", label="Số sáng kiến được công nhận"),
            ),
            (
                "Thực hiện nhiệm vụ UBND tỉnh giao",
                "1.5",
                ratio_tiers(
                    (100, "1.5"),
                    (90, "1"),
                    (80, "0.5"),
                    num="Số nhiệm vụ hoàn thành đúng hạn",
                    den="Số nhiệm vụ được giao",
                ),
            ),
        ],
    ),
    (
        "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật",
        [
            (
                "Tham mưu xây dựng văn bản QPPL",
                [
                    (
                        "Tỷ lệ văn bản QPPL tham mưu ban hành đúng kế hoạch",
                        "2",
                        ratio_tiers((100, "2"), (80, "1")),
                    ),
                    ("Lấy ý kiến dự thảo văn bản đúng quy định", "1", yes_no(na=True)),
                ],
            ),
            (
                "Rà soát, hệ thống hóa văn bản QPPL",
                [
                    ("Ban hành kế hoạch rà soát văn bản", "0.5", yes_no()),
                    ("Xử lý văn bản sau rà soát", "2", proportional(basis="ratio")),
                ],
            ),
            ("Theo dõi tình hình thi hành pháp luật", "2", MANUAL),
            ("Phổ biến, giáo dục pháp luật", "2.5", LEGAL_EDUCATION),
        ],
    ),
    (
        "Cải cách thủ tục hành chính",
        [
            (
                "Công bố, công khai thủ tục hành chính",
                [
                    (
                        "Tham mưu công bố danh mục TTHC đúng thời hạn",
                        "1.5",
                        deadline("03-31", 10, "0.75", "Đã công bố"),
                    ),
                    ("Công khai TTHC đầy đủ, đúng quy định", "1.5", yes_no()),
                ],
            ),
            (
                "Rà soát, đơn giản hóa TTHC",
                "2",
                count_tiers((3, "2"), (1, "1"), label="Số phương án đơn giản hóa được thông qua"),
            ),
            (
                "Kết quả giải quyết TTHC",
                [
                    ("Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", "4", ON_TIME),
                    ("Xin lỗi tổ chức, cá nhân khi giải quyết hồ sơ trễ hạn", "1", yes_no(na=True)),
                    (
                        "Số hóa hồ sơ, kết quả giải quyết TTHC",
                        "1.5",
                        proportional(label="Tỷ lệ hồ sơ được số hóa (%)"),
                    ),
                ],
            ),
            (
                "Tiếp nhận, xử lý phản ánh, kiến nghị",
                "3",
                deduction("0.5", "Số phản ánh, kiến nghị xử lý trễ hạn"),
            ),
        ],
    ),
    (
        "Cải cách tổ chức bộ máy hành chính nhà nước",
        [
            ("Quy định chức năng, nhiệm vụ, quyền hạn đúng quy định", "2", yes_no()),
            ("Sắp xếp tổ chức bộ máy theo quy định", "3", yes_no()),
            ("Quản lý, sử dụng biên chế được giao", "3", deduction("1", "Số biên chế sử dụng vượt quy định")),
            ("Thực hiện phân cấp, ủy quyền", "3", MANUAL),
        ],
    ),
    (
        "Cải cách chế độ công vụ",
        [
            (
                "Vị trí việc làm",
                [
                    ("Vị trí việc làm được phê duyệt", "1.5", yes_no()),
                    ("Bố trí công chức theo vị trí việc làm", "1.5", proportional(basis="ratio")),
                ],
            ),
            ("Tuyển dụng, bổ nhiệm đúng quy định", "3", deduction("1", "Số trường hợp sai quy định")),
            (
                "Đánh giá, xếp loại công chức đúng thời hạn",
                "3",
                deadline("12-31", 15, "1.5", "Đã hoàn thành đánh giá"),
            ),
            ("Đào tạo, bồi dưỡng công chức", "3", ratio_tiers((100, "3"), (80, "2"), (50, "1"))),
            ("Chấp hành kỷ luật, kỷ cương hành chính", "4", deduction("1", "Số vi phạm bị xử lý")),
        ],
    ),
    (
        "Cải cách tài chính công",
        [
            (
                "Quản lý, sử dụng ngân sách",
                [
                    ("Tỷ lệ giải ngân vốn đầu tư công", "2", proportional(95, "Tỷ lệ giải ngân (%)")),
                    ("Công khai ngân sách đúng thời hạn", "1", deadline("01-31", 0, "0", "Đã công khai")),
                ],
            ),
            ("Thực hiện cơ chế tự chủ tài chính", "2", yes_no(na=True)),
            ("Thực hành tiết kiệm, chống lãng phí", "2", MANUAL),
        ],
    ),
    (
        "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
        [
            ("Áp dụng hệ thống quản lý chất lượng ISO", "2", yes_no()),
            (
                "Văn bản điện tử, chữ ký số",
                [
                    (
                        "Tỷ lệ văn bản trao đổi dưới dạng điện tử",
                        "2",
                        pct_tiers((100, "2"), (90, "1.5"), (80, "1")),
                    ),
                    ("Tỷ lệ văn bản điện tử được ký số", "2", proportional(label="Tỷ lệ văn bản ký số (%)")),
                ],
            ),
            (
                "Dịch vụ công trực tuyến",
                [
                    (
                        "Tỷ lệ hồ sơ trực tuyến toàn trình",
                        "3",
                        proportional(80, "Tỷ lệ hồ sơ trực tuyến toàn trình (%)"),
                    ),
                    ("Tỷ lệ thanh toán trực tuyến", "3", proportional(50, "Tỷ lệ thanh toán trực tuyến (%)")),
                ],
            ),
            ("Bảo đảm an toàn thông tin", "2", deduction("1", "Số sự cố mất an toàn thông tin")),
            ("Chuyển đổi số trong hoạt động nội bộ", "2", MANUAL),
        ],
    ),
    (
        "Tác động của cải cách hành chính",
        [
            (
                "Sự hài lòng của người dân, tổ chức",
                [
                    ("Tiếp cận dịch vụ", "2", SURVEY),
                    ("Thủ tục hành chính", "2", SURVEY),
                    ("Công chức giải quyết TTHC", "2", SURVEY),
                    ("Kết quả giải quyết", "2", SURVEY),
                ],
            ),
            ("Đánh giá của lãnh đạo, công chức về công tác CCHC", "4.5", SURVEY),
            ("Tác động đến phát triển kinh tế - xã hội của ngành", "3", SURVEY),
        ],
    ),
]

COMMUNE: list[tuple[str, list[Any]]] = [
    (
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        [
            (
                "Kế hoạch CCHC năm",
                [
                    (
                        "Ban hành kế hoạch CCHC năm đúng thời hạn",
                        "1.5",
                        deadline("01-31", 15, "0.75", "Đã ban hành kế hoạch"),
                    ),
                    (
                        "Mức độ hoàn thành kế hoạch CCHC",
                        "1.5",
                        {**PLAN_COMPLETION, **ratio_tiers((100, "1.5"), (80, "0.75"))},
                    ),
                ],
            ),
            ("Thực hiện chế độ báo cáo CCHC định kỳ", "2", deduction("0.5", "Số báo cáo gửi trễ hạn")),
            (
                "Thông tin, tuyên truyền về CCHC",
                "2",
                count_tiers((4, "2"), (2, "1"), label="Số hoạt động tuyên truyền"),
            ),
            ("Tự kiểm tra công tác CCHC", "2", yes_no()),
            (
                "Sáng kiến, giải pháp mới trong CCHC",
                "1",
                per_occurrence("0.5", label="Số sáng kiến được công nhận"),
            ),
            (
                "Thực hiện nhiệm vụ UBND tỉnh giao",
                "2",
                ratio_tiers(
                    (100, "2"), (90, "1"), num="Số nhiệm vụ hoàn thành đúng hạn", den="Số nhiệm vụ được giao"
                ),
            ),
        ],
    ),
    (
        "Tổ chức thực hiện văn bản quy phạm pháp luật",
        [
            ("Ban hành văn bản QPPL theo thẩm quyền đúng quy định", "3", yes_no(na=True)),
            ("Rà soát văn bản QPPL", "2", yes_no()),
            (
                "Phổ biến, giáo dục pháp luật",
                "3",
                {
                    **LEGAL_EDUCATION,
                    "rule_params": {
                        **LEGAL_EDUCATION["rule_params"],
                        "expression": (
                            "min(3, 0.5 * so_hoi_nghi) if ty_le_tham_gia >= 70 else min(2, 0.5 * so_hoi_nghi)"
                        ),
                    },
                },
            ),
        ],
    ),
    (
        "Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông",
        [
            ("Công khai TTHC tại Bộ phận Một cửa", "3", yes_no()),
            (
                "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn",
                "8",
                ratio_tiers(
                    (100, "8"),
                    (98, "6"),
                    (95, "4"),
                    (90, "2"),
                    num="Số hồ sơ đúng hạn",
                    den="Tổng số hồ sơ đã giải quyết",
                ),
            ),
            ("Số hóa hồ sơ, kết quả giải quyết TTHC", "3", proportional(label="Tỷ lệ hồ sơ được số hóa (%)")),
            (
                "Tiếp nhận, xử lý phản ánh, kiến nghị",
                "3",
                deduction("0.5", "Số phản ánh, kiến nghị xử lý trễ hạn"),
            ),
            ("Xin lỗi tổ chức, cá nhân khi giải quyết hồ sơ trễ hạn", "3", yes_no(na=True)),
        ],
    ),
    (
        "Tổ chức bộ máy và đội ngũ cán bộ, công chức",
        [
            ("Sắp xếp tổ chức bộ máy theo quy định", "3", yes_no()),
            ("Bố trí công chức theo vị trí việc làm", "3", proportional(basis="ratio")),
            ("Đào tạo, bồi dưỡng cán bộ, công chức", "3", ratio_tiers((100, "3"), (80, "2"), (50, "1"))),
            ("Chấp hành kỷ luật, kỷ cương hành chính", "4", deduction("1", "Số vi phạm bị xử lý")),
            (
                "Đánh giá, xếp loại cán bộ, công chức đúng thời hạn",
                "2",
                deadline("12-31", 15, "1", "Đã hoàn thành đánh giá"),
            ),
        ],
    ),
    (
        "Cải cách tài chính công",
        [
            (
                "Lập, trình dự toán ngân sách đúng thời hạn",
                "3",
                deadline("12-15", 10, "1.5", "Đã trình dự toán"),
            ),
            ("Công khai ngân sách đúng quy định", "3", yes_no()),
            ("Kết quả thu ngân sách so với dự toán", "4", proportional(100, "Tỷ lệ thu so với dự toán (%)")),
        ],
    ),
    (
        "Hiện đại hóa hành chính",
        [
            ("Tỷ lệ văn bản trao đổi dưới dạng điện tử", "4", pct_tiers((100, "4"), (90, "3"), (80, "2"))),
            (
                "Tỷ lệ hồ sơ trực tuyến toàn trình",
                "5",
                proportional(80, "Tỷ lệ hồ sơ trực tuyến toàn trình (%)"),
            ),
            ("Tỷ lệ thanh toán trực tuyến", "3", proportional(50, "Tỷ lệ thanh toán trực tuyến (%)")),
            ("Bảo đảm an toàn thông tin", "3", deduction("1", "Số sự cố mất an toàn thông tin")),
        ],
    ),
    (
        "Tác động của cải cách hành chính đến phát triển kinh tế - xã hội",
        [
            (
                "Sự hài lòng của người dân, tổ chức",
                [
                    ("Tiếp cận dịch vụ", "3", SURVEY),
                    ("Thủ tục hành chính", "3", SURVEY),
                    ("Công chức giải quyết TTHC", "3", SURVEY),
                    ("Kết quả giải quyết", "3", SURVEY),
                ],
            ),
            ("Đánh giá của cán bộ, công chức về công tác CCHC", "4", SURVEY),
            ("Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "4", MANUAL),
        ],
    ),
]
