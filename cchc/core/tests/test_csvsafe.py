import pytest

from cchc.core.csvsafe import csv_cell, csv_uncell


@pytest.mark.parametrize(
    ("text", "exported"),
    [
        ("Sở Nội vụ", "Sở Nội vụ"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+84 236 3822 222", "'+84 236 3822 222"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("'quoted'", "'quoted'"),  # an apostrophe not guarding a trigger stays as typed
        ("", ""),
    ],
)
def test_export_guards_formula_triggers_and_import_restores_them(text, exported):
    assert csv_cell(text) == exported
    assert csv_uncell(csv_cell(text)) == text
