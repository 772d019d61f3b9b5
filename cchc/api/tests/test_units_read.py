"""GET /api/units[/tree|/{id}|/{id}/lineage|/{id}/sources] within each persona's scope."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.orgunits.services import unit_create, unit_merge

pytestmark = pytest.mark.django_db

TODAY_ALL = ["PH", "SNV", "STC", "TINH", "TTPV", "XA"]
# Vietnamese alphabetical order of their names (a code-point sort would put "Trung…" before "Tỉnh…").
TODAY_ALL_VI_ORDER = ["PH", "SNV", "STC", "TINH", "TTPV", "XA"]


def codes(body: dict) -> list[str]:
    return [u["code"] for u in body["items"]]


class TestList:
    @pytest.mark.parametrize(
        ("persona", "expected"),
        [
            ("province_admin", TODAY_ALL),
            ("appraiser", TODAY_ALL),
            ("leader", TODAY_ALL),
            ("system_admin", TODAY_ALL),
            ("dept_officer", ["SNV"]),
            ("commune_officer", ["XA"]),
            ("outsider", ["STC"]),
            ("nobody", []),
        ],
    )
    def test_scope(self, api, personas, persona, expected):
        response = api(getattr(personas, persona), "GET", "/api/units")
        assert response.status_code == 200
        body = response.json()
        assert sorted(codes(body)) == expected
        assert body["count"] == len(expected)

    def test_vietnamese_order_and_pagination(self, api, personas):
        admin = personas.province_admin
        assert codes(api(admin, "GET", "/api/units").json()) == TODAY_ALL_VI_ORDER
        page = api(admin, "GET", "/api/units", limit=2, offset=3).json()
        assert codes(page) == TODAY_ALL_VI_ORDER[3:5]
        assert page["count"] == 6

    def test_item_shape(self, api, personas, province):
        (item,) = api(personas.dept_officer, "GET", "/api/units").json()["items"]
        assert item == {
            "id": province.snv.pk,
            "code": "SNV",
            "name": "Sở Nội vụ",
            "short_name": "",
            "abbreviation": "SNV",
            "type": {"code": "so", "name": "Sở", "level": 1},
            "parent_id": province.province.pk,
            "path": province.snv.path,
            "depth": 1,
            "valid_from": None,
            "valid_to": None,
            "is_sample": False,
        }

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"q": "dak moi"}, ["XA"]),  # accent-free: "Đắk Mới"
            ({"q": "ĐẶNG"}, ["PH"]),
            ({"q": "so"}, ["SNV", "STC"]),
            ({"as_of": "2024-12-31"}, ["HUY", "SNV", "STC", "TINH", "TTPV", "XA1", "XA2", "XA3"]),
            ({"type": "xa"}, ["XA"]),
            ({"type": "xa", "as_of": "2024-12-31"}, ["XA1", "XA2", "XA3"]),
            ({"level": 3}, ["PH", "XA"]),
            ({"level": 2, "include_closed": "true"}, ["HUY"]),
            (
                {"include_closed": "true"},
                ["HUY", "PH", "SNV", "STC", "TINH", "TTPV", "XA", "XA1", "XA2", "XA3"],
            ),
        ],
    )
    def test_filters(self, api, personas, query, expected):
        body = api(personas.province_admin, "GET", "/api/units", **query).json()
        assert sorted(codes(body)) == expected

    def test_filters_never_widen_the_scope(self, api, personas):
        body = api(personas.commune_officer, "GET", "/api/units", as_of="2024-12-31").json()
        assert codes(body) == []  # the old communes lie in the old district, outside XA's subtree
        body = api(personas.dept_officer, "GET", "/api/units", include_closed="true").json()
        assert codes(body) == ["SNV"]

    @pytest.mark.parametrize("query", [{"as_of": "31/12/2024"}, {"level": 9}, {"limit": 0}])
    def test_bad_parameters_are_422(self, api, personas, query):
        assert api(personas.province_admin, "GET", "/api/units", **query).status_code == 422


def tree_codes(nodes: list[dict]) -> list:
    return [(n["code"], tree_codes(n["children"])) if n["children"] else n["code"] for n in nodes]


class TestTree:
    def test_today(self, api, personas):
        body = api(personas.province_admin, "GET", "/api/units/tree").json()
        assert tree_codes(body) == [("TINH", ["SNV", "STC", "TTPV", "XA", "PH"])]
        assert body[0]["depth"] == 0
        assert body[0]["children"][0]["depth"] == 1
        assert body[0]["type"] == {"code": "tinh", "name": "Tỉnh", "level": 1}

    def test_as_of_before_the_reform_returns_the_old_communes(self, api, personas):
        body = api(personas.province_admin, "GET", "/api/units/tree", as_of="2024-12-31").json()
        assert tree_codes(body) == [("TINH", ["SNV", "STC", "TTPV", ("HUY", ["XA1", "XA2", "XA3"])])]
        district = body[0]["children"][3]
        assert district["valid_to"] == "2025-06-30"

    @pytest.mark.parametrize(
        ("persona", "expected"),
        [("dept_officer", ["SNV"]), ("commune_officer", ["XA"]), ("outsider", ["STC"]), ("nobody", [])],
    )
    def test_scope(self, api, personas, persona, expected):
        assert tree_codes(api(getattr(personas, persona), "GET", "/api/units/tree").json()) == expected


READ_SNV = [
    ("province_admin", 200),
    ("appraiser", 200),
    ("leader", 200),
    ("system_admin", 200),
    ("dept_officer", 200),
    ("commune_officer", 404),
    ("outsider", 404),
    ("nobody", 404),
]


class TestDetail:
    @pytest.mark.parametrize(("persona", "status"), READ_SNV)
    @pytest.mark.parametrize("suffix", ["", "/lineage", "/sources?on=2024-12-31"])
    def test_scope(self, api, personas, province, persona, status, suffix):
        response = api(getattr(personas, persona), "GET", f"/api/units/{province.snv.pk}{suffix}")
        assert response.status_code == status
        if status == 404:
            assert "SNV" not in response.content.decode()

    def test_detail_payload(self, api, personas, province):
        body = api(personas.dept_officer, "GET", f"/api/units/{province.snv.pk}").json()
        assert body["code"] == "SNV"
        assert body["parent"] == {"id": province.province.pk, "code": "TINH", "name": "Tỉnh Thử Nghiệm"}
        assert body["capabilities"] == ["read", "write"]
        assert body["is_closed"] is False
        assert {"address", "email", "phone", "note"} <= set(body)

    @pytest.mark.parametrize(
        ("persona", "capabilities"),
        [("leader", ["read"]), ("appraiser", ["appraise", "read"])],
    )
    def test_capabilities_reflect_the_role(self, api, personas, province, persona, capabilities):
        body = api(getattr(personas, persona), "GET", f"/api/units/{province.snv.pk}").json()
        assert body["capabilities"] == capabilities

    def test_closed_units_stay_readable(self, api, personas, province):
        body = api(personas.province_admin, "GET", f"/api/units/{province.district.pk}").json()
        assert (body["valid_to"], body["is_closed"]) == ("2025-06-30", True)

    @pytest.mark.parametrize(("unit_id", "status"), [("999999", 404), ("abc", 422)])
    def test_unknown_ids(self, api, personas, unit_id, status):
        assert api(personas.system_admin, "GET", f"/api/units/{unit_id}").status_code == status


class TestLineage:
    def test_commune_merged_from_two_old_communes(self, api, personas, province):
        body = api(personas.province_admin, "GET", f"/api/units/{province.commune.pk}/lineage").json()
        assert body["unit"]["code"] == "XA"
        assert body["successors"] == []
        links = body["predecessors"]
        assert [link["predecessor"]["code"] for link in links] == ["XA1", "XA2"]
        first = links[0]
        assert first["kind"] == "merge"
        assert first["kind_label"]
        assert first["effective_date"] == "2025-07-01"
        assert first["decision"] == "NQ 1/NQ-UBTVQH15"
        assert first["share"] is None
        assert first["successor"]["code"] == "XA"
        assert first["predecessor"]["valid_to"] == "2025-06-30"

    def test_successors_and_transitive_links(self, api, personas, province):
        later = unit_create(
            actor=None,
            code="XA-MOI",
            name="Xã Hợp Nhất",
            unit_type=province.types["xa"],
            parent=province.province,
            valid_from=dt.date(2026, 1, 1),
        )
        unit_merge(actor=None, sources=[province.commune], target=later, effective_date=dt.date(2026, 1, 1))
        admin = personas.province_admin
        body = api(admin, "GET", f"/api/units/{later.pk}/lineage").json()
        assert [link["predecessor"]["code"] for link in body["predecessors"]] == ["XA", "XA1", "XA2"]
        body = api(admin, "GET", f"/api/units/{province.old_communes[0].pk}/lineage").json()
        assert [link["successor"]["code"] for link in body["successors"]] == ["XA", "XA-MOI"]
        assert body["predecessors"] == []


class TestSources:
    @pytest.mark.parametrize(
        ("on", "expected"),
        [("2024-12-31", ["XA1", "XA2"]), ("2025-06-30", ["XA1", "XA2"]), ("2025-07-01", ["XA"])],
    )
    def test_sources_of_the_new_commune(self, api, personas, province, on, expected):
        response = api(personas.province_admin, "GET", f"/api/units/{province.commune.pk}/sources", on=on)
        assert response.status_code == 200
        assert sorted(u["code"] for u in response.json()) == expected

    def test_the_commune_officer_sees_where_its_figures_come_from(self, api, personas, province):
        path = f"/api/units/{province.commune.pk}/sources"
        body = api(personas.commune_officer, "GET", path, on="2024-12-31").json()
        assert [u["code"] for u in body] == ["XA1", "XA2"]

    def test_the_date_is_required(self, api, personas, province):
        path = f"/api/units/{province.commune.pk}/sources"
        assert api(personas.province_admin, "GET", path).status_code == 422


def test_a_large_limit_is_capped_not_refused(api, personas, province):
    from cchc.api.pagination import MAX_LIMIT
    from cchc.orgunits.models import OrgUnit

    root = province.province
    OrgUnit.objects.bulk_create(
        OrgUnit(
            code=f"P{i}",
            name=f"Phòng {i}",
            unit_type=province.types["so"],
            parent=root,
            path=f"{root.path}p{i}/",
        )
        for i in range(MAX_LIMIT)
    )
    body = api(personas.province_admin, "GET", "/api/units", limit=10 * MAX_LIMIT).json()
    assert (len(body["items"]), body["count"]) == (MAX_LIMIT, MAX_LIMIT + 6)
