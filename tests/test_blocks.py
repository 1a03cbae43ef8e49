"""The contract between structure and align: `ColumnMap`, a grid's columns by role and back."""
import dataclasses

import pytest

from pipeline.blocks import Column, ColumnMap
from pipeline.model import Role

GRID = [Column(Role.NUMBER, "No."), Column(Role.MEASURE, "Measures"), Column(Role.EXTRA, "Cost"),
        Column(Role.AGENCIES, "Agencies"), Column(Role.EXTRA, "Status")]


def test_a_role_gives_its_column_and_a_column_its_role():
    cols = ColumnMap.of(GRID)
    assert [cols.at(role) for role in (Role.NUMBER, Role.MEASURE, Role.AGENCIES)] == [0, 1, 3]
    assert [cols.roles[c] for c in (0, 1, 3)] == [Role.NUMBER, Role.MEASURE, Role.AGENCIES]
    assert cols.at(Role.TIMEFRAME) is None and Role.TIMEFRAME not in cols
    assert cols.text_columns == [1, 2, 3, 4] and cols.first_text == 1


def test_extra_columns_have_no_column_by_role():
    cols = ColumnMap.of(GRID)
    assert Role.EXTRA in cols and cols.at(Role.EXTRA) is None


def test_maps_are_equal_by_their_roles_and_frozen():
    renamed = [Column(c.role, c.name.upper()) for c in GRID]
    assert ColumnMap.of(renamed) == ColumnMap.of(GRID)
    assert ColumnMap.of(GRID[1:]) != ColumnMap.of(GRID)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ColumnMap.of(GRID).roles = ()  # type: ignore[misc]


def test_a_grid_of_numbers_only_has_no_text_column():
    cols = ColumnMap.of([Column(Role.NUMBER, "No.")])
    assert cols.text_columns == [] and cols.first_text == 0
