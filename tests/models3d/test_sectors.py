"""Booleans applied to a wedge of a revolved band and sewn back."""

import logging

import manifold3d
import numpy as np
import pytest

from models3d.meshing import revolve_profile
from models3d.ring import SEGMENTS, band_profile
from models3d.sectors import Tool, revolve_with_tools
from models3d.solids import from_manifold, to_manifold
from tests.models3d.helpers import assert_solid

ADD, SUBTRACT = manifold3d.OpType.Add, manifold3d.OpType.Subtract


def profile():
    return band_profile("court", 17.3, 1.7, 4.0)


def whole(section, tools):
    """Apply the tools to the whole revolved band, the slow way."""
    solid = to_manifold(revolve_profile(section, SEGMENTS))
    for tool in tools:
        solid = solid + tool.solid if tool.operation == ADD else solid - tool.solid
    return from_manifold(solid)


def block(size, centre):
    return manifold3d.Manifold.cube(size, True).translate(centre)


def check_same_as_whole(tools):
    section = profile()
    sewn = revolve_with_tools(section, SEGMENTS, tools)
    expected = whole(section, tools)
    assert_solid(sewn, "sewn band")
    assert sewn.body_count == expected.body_count
    assert sewn.volume == pytest.approx(expected.volume, rel=1e-9)
    assert np.allclose(sewn.bounds, expected.bounds, atol=1e-9)
    assert len(sewn.faces) == len(expected.faces)
    return sewn


def test_added_block_matches_whole_band():
    check_same_as_whole([Tool(block((2.0, 2.0, 2.0), (0.0, 9.8, 2.0)), ADD)])


def test_cut_and_add_on_opposite_sides():
    tools = [
        Tool(block((3.0, 1.0, 1.0), (0.0, -8.7, 2.0)), SUBTRACT),
        Tool(block((2.0, 2.0, 2.0), (0.0, 9.8, 2.0)), ADD),
    ]
    check_same_as_whole(tools)


def test_overlapping_wedges_share_one():
    tools = [
        Tool(block((1.0, 1.0, 1.0), (1.0, 9.8, 2.0)), ADD),
        Tool(block((1.0, 1.0, 1.0), (-0.5, 9.8, 2.0)), ADD),
    ]
    check_same_as_whole(tools)


def test_tool_around_axis_uses_whole_band(caplog):
    # A bar across the bore notches both sides of the band.
    tools = [Tool(block((20.0, 1.0, 1.0), (0.0, 0.0, 2.0)), SUBTRACT)]
    with caplog.at_level(logging.DEBUG, logger="models3d.sectors"):
        sewn = check_same_as_whole(tools)
    assert "whole revolve" in caplog.text
    assert sewn.volume < revolve_profile(profile(), SEGMENTS).volume


def test_wedge_is_sewn_not_whole(caplog):
    tools = [Tool(block((2.0, 2.0, 2.0), (0.0, 9.8, 2.0)), ADD)]
    with caplog.at_level(logging.DEBUG, logger="models3d.sectors"):
        revolve_with_tools(profile(), SEGMENTS, tools)
    assert "whole" not in caplog.text


def test_no_tools_gives_plain_revolve():
    section = profile()
    plain = revolve_profile(section, SEGMENTS)
    result = revolve_with_tools(section, SEGMENTS, [])
    assert np.array_equal(result.vertices, plain.vertices)
    assert np.array_equal(result.faces, plain.faces)


def test_same_arrays_when_built_twice():
    tools = [Tool(block((2.0, 2.0, 2.0), (0.0, 9.8, 2.0)), ADD)]
    first = revolve_with_tools(profile(), SEGMENTS, tools)
    second = revolve_with_tools(profile(), SEGMENTS, tools)
    assert np.array_equal(first.vertices, second.vertices)
    assert np.array_equal(first.faces, second.faces)
