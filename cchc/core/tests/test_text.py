from __future__ import annotations

import pytest

from cchc.core.text import fold, vi_collate, vi_sort_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đặng Thị Ánh Tuyết", "dang thi anh tuyet"),
        ("Đắk Lắk", "dak lak"),
        ("  Phường   Ô Chợ Dừa ", "phuong o cho dua"),
        ("ĐẶC KHU", "dac khu"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_removes_accents_including_d_stroke(text, folded):
    assert fold(text) == folded


def test_vietnamese_alphabetical_order():
    names = [
        "Ông",
        "Đinh",
        "Ăn",
        "Bình",
        "Ánh",
        "Ơn",
        "An",
        "Dũng",
        "Ân",
        "Oanh",
        "Ốc",
        "Chi",
        "Đặng",
        "Cường",
        "Dương",
    ]
    expected = ["An", "Ánh", "Ăn", "Ân", "Bình", "Chi", "Cường", "Dũng", "Dương", "Đặng", "Đinh"]
    expected += ["Oanh", "Ốc", "Ông", "Ơn"]
    assert sorted(names, key=vi_sort_key) == expected


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("a", "ă"),
        ("ă", "â"),
        ("d", "đ"),
        ("đ", "e"),
        ("o", "ô"),
        ("ô", "ơ"),
        ("u", "ư"),
        ("ma", "mà"),  # tones are a secondary key: no tone < huyền
        ("mà", "má"),
        ("Xã 1", "Xã A"),  # digits before letters
        ("Phú", "Phúc"),
    ],
)
def test_collation_pairs(left, right):
    assert vi_collate(left, right) == -1
    assert vi_collate(right, left) == 1


def test_collation_is_reflexive():
    assert vi_collate("Đặng", "Đặng") == 0
