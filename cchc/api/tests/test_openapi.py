"""The OpenAPI document is published and describes every operation."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

EXPECTED_OPERATIONS = {
    ("/api/me", "get"),
    ("/api/users", "get"),
    ("/api/users/{user_id}", "get"),
    ("/api/units", "get"),
    ("/api/units/tree", "get"),
    ("/api/units/{unit_id}", "get"),
    ("/api/units/{unit_id}", "patch"),
    ("/api/units/{unit_id}/lineage", "get"),
    ("/api/units/{unit_id}/sources", "get"),
    ("/api/units/{unit_id}/close", "post"),
    ("/api/jobs/{job_id}", "get"),
}


@pytest.fixture
def schema() -> dict:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_lists_the_paths(schema):
    operations = {(path, method) for path, methods in schema["paths"].items() for method in methods}
    assert operations >= EXPECTED_OPERATIONS


PUBLIC_PREFIX = "/api/public/"  # published results, readable without credentials by design


def test_every_operation_is_summarised_and_authenticated(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"
            schemes = {name for requirement in operation.get("security", []) for name in requirement}
            expected = set() if path.startswith(PUBLIC_PREFIX) else {"TokenAuth", "ActiveSessionAuth"}
            assert schemes == expected, f"{method.upper()} {path}: {schemes}"


def test_public_operations_are_read_only(schema):
    paths = schema["paths"]
    public = [(m, p) for p, methods in paths.items() if p.startswith(PUBLIC_PREFIX) for m in methods]
    assert public, "no public operation: the published-results API is missing"
    assert {m for m, _p in public} == {"get"}


def test_security_schemes(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["ActiveSessionAuth"]["in"] == "cookie"


def test_fields_are_described(schema):
    unit = schema["components"]["schemas"]["UnitOut"]["properties"]
    assert unit["valid_from"]["description"].startswith("Ngày")
    assert unit["valid_from"]["anyOf"][0] == {"format": "date", "type": "string"}
    params = {p["name"] for p in schema["paths"]["/api/units"]["get"]["parameters"]}
    assert params >= {"q", "as_of", "type", "level", "include_closed", "limit", "offset"}
