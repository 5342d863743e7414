"""Parameter models read from the query string, validated once.

FastAPI can read a pydantic model from the query string (``Annotated[Model, Query()]``),
but it validates the parameters field by field and then the model again: on
``/api/search`` that cost 0.7 ms of CPU per request, a fifth of the API's share of a
search. :func:`from_query` validates the model once, straight from the query string,
and raises FastAPI's own ``RequestValidationError`` for bad parameters, so the 422
contract is unchanged. :func:`openapi_parameters` documents the same model's fields as
query parameters, from its JSON schema, since FastAPI no longer sees them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def from_query(model: type[M]) -> Callable[[Request], Awaitable[M]]:
    """A dependency that reads ``model`` from the query string. A list field takes every
    value of a repeated parameter (``country=MA&country=FR``); any other field takes the
    last one, as FastAPI does."""
    lists = {name for name, field in model.model_fields.items() if _is_list(field.annotation)}

    async def parse(request: Request) -> M:
        query = request.query_params
        data = {
            name: query.getlist(name) if name in lists else query[name]
            for name in model.model_fields
            if name in query
        }
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            errors = [{**error, "loc": ("query", *error["loc"])} for error in exc.errors()]
            raise RequestValidationError(errors) from None

    return parse


def openapi_parameters(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads ``model`` with :func:`from_query`."""
    properties = model.model_json_schema()["properties"]
    return {
        "parameters": [
            {
                "name": name,
                "in": "query",
                "required": model.model_fields[name].is_required(),
                "schema": schema,
                **({"description": schema["description"]} if "description" in schema else {}),
            }
            for name, schema in properties.items()
        ]
    }


def _is_list(annotation: Any) -> bool:
    """``list[X]``, or ``list[X] | None``."""
    if get_origin(annotation) in (Union, UnionType):
        return any(_is_list(arg) for arg in get_args(annotation))
    return get_origin(annotation) is list
