"""A small reader for JSON-stat 2.0 datasets (https://json-stat.org/format/), as PxWebApi answers them.

Only what a dataset needs: ``id`` and ``size`` give the dimensions in row-major order; each
dimension's ``category.index`` is a list of codes or a ``{code: position}`` mapping (a dimension with
a single category may leave the index out and give only ``label``); ``value`` is a list or a sparse
``{position: value}`` mapping; missing values are ``null`` (their ``status`` says why, e.g. "..").
Anything else in the document is ignored. Every malformed shape raises ``JSONStatError`` with a
message that says what is wrong, never a ``KeyError`` deep inside.

pyjstat would do this too, but it brings pandas for a job of sixty lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


class JSONStatError(ValueError):
    pass


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: list[str]  # in index order
    labels: dict[str, str]


@dataclass(frozen=True)
class Dataset:
    label: str
    source: str
    updated: str
    dimensions: list[Dimension]
    values: dict[int, Decimal | None]  # flat position -> value
    roles: dict[str, list[str]]

    def dimension(self, dim_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dim_id:
                return dim
        raise JSONStatError(f"The dataset has no dimension “{dim_id}”.")

    def cells(self) -> Iterator[tuple[dict[str, str], Decimal | None]]:
        """Every cell as ({dimension id: category code}, value), in the dataset's order."""
        sizes = [len(d.codes) for d in self.dimensions]
        total = 1
        for size in sizes:
            total *= size
        for position in range(total):
            coords: dict[str, str] = {}
            rest = position
            for dim, size in zip(reversed(self.dimensions), reversed(sizes), strict=True):
                rest, idx = divmod(rest, size)
                coords[dim.id] = dim.codes[idx]
            yield coords, self.values.get(position)


def _codes(dim_id: str, category: dict) -> list[str]:
    index = category.get("index")
    if index is None:
        labels = category.get("label")
        if isinstance(labels, dict) and len(labels) == 1:
            return list(labels)
        raise JSONStatError(f"Dimension “{dim_id}” has no category index.")
    if isinstance(index, list):
        if not all(isinstance(code, str) for code in index):
            raise JSONStatError(f"Dimension “{dim_id}” has an index that is not a list of codes.")
        return list(index)
    if isinstance(index, dict):
        positions = sorted(index.items(), key=lambda kv: kv[1])
        if [pos for _, pos in positions] != list(range(len(positions))):
            raise JSONStatError(f"Dimension “{dim_id}” has an index whose positions are not 0…n-1.")
        return [code for code, _ in positions]
    raise JSONStatError(f"Dimension “{dim_id}” has an index of the wrong type.")


def _number(raw, position: int) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise JSONStatError(f"Value {position} is not a number.")
    try:
        value = Decimal(str(raw))
    except InvalidOperation as exc:
        raise JSONStatError(f"Value {position} is not a number.") from exc
    if not value.is_finite():
        raise JSONStatError(f"Value {position} is not a finite number.")
    return value


def parse(document: str | bytes | dict) -> Dataset:
    """Read a JSON-stat 2.0 dataset from text or an already decoded object."""
    if isinstance(document, str | bytes):
        try:
            document = json.loads(document)
        except (ValueError, UnicodeDecodeError) as exc:
            raise JSONStatError(f"The answer is not valid JSON ({exc}).") from exc
    if not isinstance(document, dict):
        raise JSONStatError("The answer is not a JSON-stat object.")
    if document.get("class", "dataset") != "dataset":
        raise JSONStatError(f"Expected a JSON-stat dataset, got class “{document.get('class')}”.")
    ids, sizes, dims = document.get("id"), document.get("size"), document.get("dimension")
    if not isinstance(ids, list) or not isinstance(sizes, list) or not isinstance(dims, dict):
        raise JSONStatError("The answer lacks JSON-stat's “id”, “size” or “dimension”.")
    if len(ids) != len(sizes):
        raise JSONStatError("“id” and “size” have different lengths.")
    dimensions = []
    total = 1
    for dim_id, size in zip(ids, sizes, strict=True):
        raw = dims.get(dim_id)
        if not isinstance(raw, dict) or not isinstance(raw.get("category"), dict):
            raise JSONStatError(f"Dimension “{dim_id}” is missing or has no category.")
        codes = _codes(dim_id, raw["category"])
        if len(codes) != size:
            raise JSONStatError(f"Dimension “{dim_id}” has {len(codes)} categories but size {size}.")
        labels = raw["category"].get("label") or {}
        dimensions.append(
            Dimension(
                id=dim_id,
                label=str(raw.get("label", dim_id)),
                codes=codes,
                labels={code: str(labels.get(code, code)) for code in codes},
            )
        )
        total *= size
    raw_values = document.get("value")
    values: dict[int, Decimal | None] = {}
    if isinstance(raw_values, list):
        if len(raw_values) != total:
            raise JSONStatError(f"Expected {total} values, got {len(raw_values)}.")
        for position, raw in enumerate(raw_values):
            values[position] = _number(raw, position)
    elif isinstance(raw_values, dict):
        for key, raw in raw_values.items():
            try:
                position = int(key)
            except ValueError as exc:
                raise JSONStatError(f"Value key “{key}” is not a position.") from exc
            if not 0 <= position < total:
                raise JSONStatError(f"Value position {position} is outside the dataset.")
            values[position] = _number(raw, position)
    else:
        raise JSONStatError("The answer has no “value” list.")
    roles = document.get("role") if isinstance(document.get("role"), dict) else {}
    return Dataset(
        label=str(document.get("label", "")),
        source=str(document.get("source", "")),
        updated=str(document.get("updated", "")),
        dimensions=dimensions,
        values=values,
        roles={k: list(v) for k, v in roles.items() if isinstance(v, list)},
    )
