"""Schemathesis over the OpenAPI schema, against the real engine: whatever the input,
every answer is a documented success or a 4xx/503 — never a 5xx crash."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from rasd.settings import Settings
from web.app import create_site

pytestmark = pytest.mark.engine

EXAMPLES_PER_OPERATION = 40


def test_no_server_errors(demo_index: str) -> None:
    app = create_site(Settings().model_copy(update={"index": demo_index}))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def call(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500 or response.status_code == 503, (
                f"{case.method} {case.formatted_path} {case.query} → "
                f"{response.status_code}: {response.text[:500]}"
            )
            assert "Traceback" not in response.text

        call()
        checked.append(operation.label)
    assert len(checked) >= 7, checked
