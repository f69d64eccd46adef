"""Parts built from trimesh primitives, standing in for the real generators."""

from __future__ import annotations

import trimesh

from models3d.parts import Part


def ring_parts(outer_radius: float = 10.6, width: float = 4.0) -> list[Part]:
    """Return a plain band, lying flat on Z = 0 like a generated ring."""
    band = trimesh.creation.annulus(
        r_min=outer_radius - 2.0, r_max=outer_radius, height=width, sections=64
    )
    band.apply_translation([0.0, 0.0, width / 2.0])
    return [Part("band", band, "gold_18k_yellow")]


def table_parts(length: float = 1600.0, legs: int = 4) -> list[Part]:
    """Return a table top in oak on steel legs."""
    top = trimesh.creation.box(extents=[length, 900.0, 30.0])
    top.apply_translation([0.0, 0.0, 735.0])
    parts = [Part("top", top, "oak")]
    corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
    for index, (sx, sy) in enumerate(corners[:legs], start=1):
        leg = trimesh.creation.box(extents=[60.0, 60.0, 720.0])
        leg.apply_translation([sx * (length / 2 - 60.0), sy * 390.0, 360.0])
        parts.append(Part(f"leg_{index}", leg, "steel"))
    return parts
