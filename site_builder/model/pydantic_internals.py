"""The only places the record model reaches past pydantic's public API, and why.

At 10,000 records two costs of pydantic's defaults show: every part of every
record carries its own set of the field names it was given (22 MB in all), and
reading a private attribute goes through ``BaseModel.__getattr__`` (listings
read record ids 60,000 times a build). Both functions rely on pydantic 2's
instance layout (``__pydantic_fields_set__``, ``__pydantic_private__``), which
``pyproject.toml`` pins; the record tests exercise both, so an upgrade that
changes the layout fails there and not in production.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

# Interned sets of field names given: one per distinct combination, shared by every part.
_FIELDS_GIVEN: dict[frozenset[str], set[str]] = {}


def share_fields_given(model: BaseModel) -> None:
    """Make ``model`` share its set of fields given (``model_fields_set``) with every part that gave the same.

    Records are never changed once validated: a field set later would show as given
    in every part sharing the set, in ``exclude_unset`` dumps.
    """
    given = frozenset(model.__pydantic_fields_set__)
    shared = _FIELDS_GIVEN.get(given)
    if shared is None:
        shared = _FIELDS_GIVEN[given] = set(given)  # a set: pydantic's serialiser accepts no other
    object.__setattr__(model, "__pydantic_fields_set__", shared)


def private_value(model: BaseModel, name: str) -> Any:
    """A private attribute (``PrivateAttr``), read from pydantic's store without ``__getattr__``."""
    return model.__pydantic_private__[name]  # type: ignore[index]
