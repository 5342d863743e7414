"""Parameter models read from the query string: values, errors, documentation."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from search_api.app import create_app
from search_api.params import SearchParams
from search_api.query_models import from_query, openapi_parameters


class Params(BaseModel):
    q: str | None = Field(None, max_length=5, description="Words.")
    country: list[str] = []
    facets: list[str] | None = None
    page: int = Field(1, ge=1)
    sort: Literal["newest", "oldest"] = "newest"


@pytest.fixture
def client() -> TestClient:
    app = FastAPI()

    @app.get("/echo", openapi_extra=openapi_parameters(Params))
    async def echo(params: Annotated[Params, Depends(from_query(Params))]) -> Params:
        return params

    return TestClient(app)


def test_lists_take_every_value_and_the_rest_the_last(client: TestClient) -> None:
    answer = client.get("/echo?country=MA&country=FR&page=2&page=3&facets=date&unknown=1")
    assert answer.json() == {
        "q": None,
        "country": ["MA", "FR"],
        "facets": ["date"],
        "page": 3,
        "sort": "newest",
    }


def test_absent_parameters_keep_their_defaults(client: TestClient) -> None:
    assert client.get("/echo").json()["country"] == []
    assert client.get("/echo").json()["facets"] is None


def test_bad_parameters_are_a_422_naming_each_one_in_the_query(client: TestClient) -> None:
    answer = client.get("/echo?q=toolong&page=0&sort=best")
    assert answer.status_code == 422
    locations = {tuple(error["loc"]) for error in answer.json()["detail"]}
    assert locations == {("query", "q"), ("query", "page"), ("query", "sort")}


def test_the_fields_are_documented_as_query_parameters(client: TestClient) -> None:
    parameters = client.get("/openapi.json").json()["paths"]["/echo"]["get"]["parameters"]
    assert [p["name"] for p in parameters] == ["q", "country", "facets", "page", "sort"]
    assert all(p["in"] == "query" and not p["required"] for p in parameters)
    country = next(p for p in parameters if p["name"] == "country")
    assert country["schema"]["type"] == "array"
    assert parameters[0]["description"] == "Words."


def test_the_search_endpoint_documents_every_search_parameter() -> None:
    schema = TestClient(create_app()).get("/openapi.json").json()
    names = [p["name"] for p in schema["paths"]["/api/search"]["get"]["parameters"]]
    assert names == list(SearchParams.model_fields)
