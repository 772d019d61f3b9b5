"""Helpers for calling the API as a persona (session) or with a bearer token."""

from __future__ import annotations

import json
from typing import Any, Protocol
from urllib.parse import urlencode

import pytest
from django.test import Client


class ApiCaller(Protocol):
    def __call__(
        self, user: Any, method: str, path: str, body: dict[str, Any] | None = None, **query: Any
    ) -> Any: ...


def send(
    client: Client,
    method: str,
    path: str,
    body: dict[str, Any] | None = None,
    query: dict[str, Any] | None = None,
    **headers: Any,
) -> Any:
    """One request: query parameters in the URL, a JSON body for unsafe methods."""
    url = f"{path}?{urlencode(query)}" if query else path
    if method.upper() == "GET":
        return client.get(url, **headers)
    return client.generic(
        method.upper(), url, json.dumps(body or {}), content_type="application/json", **headers
    )


@pytest.fixture
def api(client_for: Any) -> ApiCaller:
    """api(user, "GET", "/api/units", limit=5): the response to a session-authenticated call
    (user=None: anonymous)."""

    def call(user: Any, method: str, path: str, body: dict[str, Any] | None = None, **query: Any) -> Any:
        client = Client() if user is None else client_for(user)
        return send(client, method, path, body, query)

    return call
