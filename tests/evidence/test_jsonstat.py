"""The JSON-stat 2.0 reader: every shape the format allows, and clear errors for broken documents."""

import json
from decimal import Decimal

import pytest

from omdomme.evidence.jsonstat import JSONStatError, parse


def _doc(**overrides) -> dict:
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": "07459: Befolkning",
        "source": "Statistisk sentralbyrå",
        "updated": "2025-02-20T07:00:00Z",
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [2, 1, 2],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "dimension": {
            "Region": {
                "label": "region",
                "category": {"index": {"4227": 0, "3905": 1}, "label": {"4227": "Kvinesdal"}},
            },
            "ContentsCode": {"label": "statistikkvariabel", "category": {"index": {"Personer1": 0}}},
            "Tid": {"label": "år", "category": {"index": ["2024", "2025"]}},
        },
        "value": [5980, 5990, 58000, None],
        "status": {"3": ".."},
    }
    doc.update(overrides)
    return doc


def _cells(dataset) -> list[tuple[str, str, str, Decimal | None]]:
    return [(c["Region"], c["ContentsCode"], c["Tid"], v) for c, v in dataset.cells()]


def test_row_major_order_with_object_and_list_indexes():
    ds = parse(json.dumps(_doc()))
    assert _cells(ds) == [
        ("4227", "Personer1", "2024", Decimal("5980")),
        ("4227", "Personer1", "2025", Decimal("5990")),
        ("3905", "Personer1", "2024", Decimal("58000")),
        ("3905", "Personer1", "2025", None),
    ]
    assert ds.dimension("Region").labels == {"4227": "Kvinesdal", "3905": "3905"}
    assert (ds.label, ds.source, ds.roles["time"]) == ("07459: Befolkning", "Statistisk sentralbyrå", ["Tid"])


def test_index_positions_decide_the_order_not_the_key_order():
    doc = _doc()
    doc["dimension"]["Region"]["category"]["index"] = {"3905": 1, "4227": 0}
    assert _cells(parse(doc))[0][0] == "4227"


def test_sparse_values_and_decimals():
    ds = parse(_doc(value={"0": 1.5, "2": "7"}))
    assert [v for _, v in ds.cells()] == [Decimal("1.5"), None, Decimal("7"), None]


def test_single_category_without_index():
    doc = _doc()
    doc["dimension"]["ContentsCode"]["category"] = {"label": {"Personer1": "Personer"}}
    assert len(_cells(parse(doc))) == 4


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        ("[]", "not a JSON-stat object"),
        (json.dumps(_doc(**{"class": "collection"})), "Expected a JSON-stat dataset"),
        (json.dumps({"value": []}), "lacks JSON-stat"),
        (json.dumps(_doc(size=[2, 1])), "different lengths"),
        (json.dumps(_doc(size=[3, 1, 2])), "has 2 categories but size 3"),
        (json.dumps(_doc(value=[1, 2, 3])), "Expected 4 values, got 3"),
        (json.dumps(_doc(value={"9": 1})), "outside the dataset"),
        (json.dumps(_doc(value={"x": 1})), "not a position"),
        (json.dumps(_doc(value=[1, 2, "many", 4])), "Value 2 is not a number"),
        (json.dumps(_doc(value=[1, 2, True, 4])), "Value 2 is not a number"),
        (json.dumps(_doc(value=None)), "no “value” list"),
    ],
)
def test_broken_documents_raise_a_clear_error(document, message):
    with pytest.raises(JSONStatError, match=message):
        parse(document)


def test_missing_dimension_and_bad_index():
    doc = _doc()
    del doc["dimension"]["Tid"]
    with pytest.raises(JSONStatError, match="Dimension “Tid” is missing"):
        parse(doc)
    doc = _doc()
    doc["dimension"]["Tid"]["category"]["index"] = {"2024": 0, "2025": 5}
    with pytest.raises(JSONStatError, match="not 0…n-1"):
        parse(doc)
    with pytest.raises(JSONStatError, match="no dimension “Kjonn”"):
        parse(_doc()).dimension("Kjonn")
