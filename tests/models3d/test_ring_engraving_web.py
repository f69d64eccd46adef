"""Metal left between a ring's engraving and the band's side faces.

A cast band needs 0.8 mm of metal everywhere, also in the web between the
wall of the engraving's cut and the side faces at Z = 0 and Z = width. The
web is measured on the real meshes, on sections through the band's axis
across the whole engraving, at the narrowest width each profile may carry
an engraving.
"""

import numpy as np
import pytest
import shapely
import trimesh

from models3d.generators import build
from models3d.ring import PROFILES

MIN_WEB_MM = 0.8
"""Caster's minimum thickness of metal."""

TEXT = "Égypte"
"""A text whose accent and descender reach the top and bottom of the line
box, so that the cut comes as close to the side faces as any text can."""

SECTION_STEP_MM = 0.05
"""Spacing of the sections, measured around the bore."""

SECTION_TOLERANCE_MM = 1e-4
"""Growth of the engraved section before it is taken from the plain one, so
that the two sections' rounding along the uncut bore leaves no sliver. The
webs come out this much too wide at most."""


def band_frame(part, dims):
    """Return a band part's mesh with the finger's axis on Z, resting on Z = 0.

    A solitaire's band is upright (``models3d.solitaire``), and this turns
    it back into the frame of ``models3d.ring``.
    """
    if part.name != "band":
        raise ValueError(f"part must be the band, got {part.name!r}")
    mesh = part.mesh
    if "stone_diameter" not in dims:
        return mesh
    x, y, z = mesh.vertices.T
    outer_radius = dims["inner_diameter"] / 2.0 + dims["depth"]
    vertices = np.column_stack([x, z - outer_radius, dims["width"] / 2.0 - y])
    return trimesh.Trimesh(vertices, mesh.faces, process=False)


def design(model, **values):
    """Return a design's values with its derived values, and its rule errors."""
    engine = model.engine
    values = engine.coerce(values)
    errors = [violation.rule for violation in engine.evaluate(values).errors]
    return {**values, **engine.derive(values)}, errors


def narrowest_engravable(model, profile):
    """Return the narrowest width at which the rules accept an engraving."""
    for width in model.parameter("width").domain():
        _, errors = design(
            model, profile=profile, width=width, depth=1.7, engraving=TEXT
        )
        if not errors:
            return float(width)
    raise AssertionError(f"no width of {model.id} engraves a {profile} band")


def meridian_section(mesh, angle):
    """Return the mesh's section in the half-plane at ``angle`` around Z.

    The section is a shapely geometry in (radius, z), in mm.
    """
    direction = np.array([np.cos(angle), np.sin(angle), 0.0])
    normal = np.array([-np.sin(angle), np.cos(angle), 0.0])
    segments = trimesh.intersections.mesh_plane(mesh, normal, [0.0, 0.0, 0.0])
    radius = segments @ direction
    near = np.all(radius > 0.0, axis=1)
    lines = np.stack([radius[near], segments[near][..., 2]], axis=-1).round(9)
    return shapely.unary_union(
        shapely.get_parts(shapely.polygonize(shapely.linestrings(lines)))
    )


def engraving_angles(plain, engraved, inner_diameter):
    """Return angles around Z, in radians, that cross the engraving."""
    keys = engraved.vertices.round(9).view("f8,f8,f8").ravel()
    known = plain.vertices.round(9).view("f8,f8,f8").ravel()
    points = engraved.vertices[~np.isin(keys, known)]
    assert len(points) > 0, "the engraving added no vertex"
    angles = np.unwrap(np.sort(np.arctan2(points[:, 1], points[:, 0])))
    step = SECTION_STEP_MM / (inner_diameter / 2.0)
    return np.arange(angles.min(), angles.max(), step)


def webs(plain, engraved, width, angles):
    """Return the least metal, in mm, between the cut and each side face."""
    bottom, top = np.inf, np.inf
    for angle in angles:
        metal = meridian_section(engraved, angle).buffer(SECTION_TOLERANCE_MM)
        cut = meridian_section(plain, angle).difference(metal)
        for piece in shapely.get_parts(cut):
            _, low_z, _, high_z = piece.bounds
            bottom, top = min(bottom, low_z), min(top, width - high_z)
    return bottom, top


def metal_behind(plain, engraved, angles):
    """Return the least metal, in mm, between the cut's floor and the
    band's outside, measured along the radius in each section."""
    behind = np.inf
    for angle in angles:
        plain_section = meridian_section(plain, angle)
        metal = meridian_section(engraved, angle).buffer(SECTION_TOLERANCE_MM)
        for piece in shapely.get_parts(plain_section.difference(metal)):
            _, low_z, floor, high_z = piece.bounds
            # The outside over the piece's heights, beyond the cut's floor.
            strip = shapely.box(floor, low_z, floor + 10.0, high_z)
            outside = plain_section.exterior.intersection(strip)
            behind = min(behind, piece.distance(outside))
    return behind


def engraved_bands(model, generator, **values):
    """Return a design's values, its plain band and its engraved band."""
    plain, _ = design(model, **values)
    engraved, errors = design(model, **values, engraving=TEXT)
    assert not errors, errors
    plain_band = band_frame(build(generator, plain)[0], plain)
    engraved_band = band_frame(build(generator, engraved)[0], engraved)
    return engraved, plain_band, engraved_band


BANDS = [("ring-band", "ring"), ("ring-solitaire", "solitaire")]
"""Catalog models whose bands take an engraving, with their generators."""


@pytest.mark.parametrize(("model_id", "generator"), BANDS)
def test_metal_behind_thinnest_flat_band(jewelry_catalog, model_id, generator):
    # At the catalog's 1.3 mm minimum depth the flat band's bore is pushed
    # out for its facets, and the cut is made shallower to keep 0.8 mm.
    model = jewelry_catalog.get(model_id)
    width = narrowest_engravable(model, "flat")
    values = {"profile": "flat", "width": width, "depth": 1.3}
    engraved, plain_band, engraved_band = engraved_bands(model, generator, **values)
    angles = engraving_angles(plain_band, engraved_band, engraved["inner_diameter"])
    behind = metal_behind(plain_band, engraved_band, angles)

    assert len(angles) > 20
    assert behind >= MIN_WEB_MM, behind
    # The cut stays within 0.01 mm of the 0.5 mm it is meant to be.
    assert behind < 1.3 - 0.5 + 0.01, behind


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(("model_id", "generator"), BANDS)
def test_web_at_narrowest_width(jewelry_catalog, model_id, generator, profile):
    model = jewelry_catalog.get(model_id)
    width = narrowest_engravable(model, profile)
    values = {"profile": profile, "width": width, "depth": 1.7}
    plain, _ = design(model, **values)
    engraved, _ = design(model, **values, engraving=TEXT)

    plain_band = band_frame(build(generator, plain)[0], plain)
    engraved_band = band_frame(build(generator, engraved)[0], engraved)
    angles = engraving_angles(plain_band, engraved_band, plain["inner_diameter"])
    bottom, top = webs(plain_band, engraved_band, width, angles)

    assert len(angles) > 20
    assert bottom >= MIN_WEB_MM, (width, bottom)
    assert top >= MIN_WEB_MM, (width, top)
    # The accent and the descender reach the ends of the line box, so the
    # sections find the cut within 0.05 mm of the margin the catalog keeps.
    margin = (width - engraved["letter_height"]) / 2.0
    assert bottom < margin + 0.05, (width, bottom)
    assert top < margin + 0.05, (width, top)


@pytest.mark.parametrize("model_id", ["ring-band", "ring-solitaire"])
def test_letter_height_rule(jewelry_catalog, model_id):
    # Letters under 1.2 mm high are rejected, which with 0.8 mm kept at each
    # side leaves engraving to bands from 3 mm wide.
    model = jewelry_catalog.get(model_id)
    for width in model.parameter("width").domain():
        values, errors = design(model, width=width, depth=1.7, engraving="Anna")
        assert values["letter_height"] <= width - 2 * MIN_WEB_MM + 1e-9, width
        rejected = "engraving-letter-height" in errors
        assert rejected == (float(width) < 3.0), width

    engine = model.engine
    evaluation = engine.evaluate(engine.coerce({"width": 2.5, "engraving": "Anna"}))
    (violation,) = [v for v in evaluation.errors if v.rule == "engraving-letter-height"]
    assert "0.9 mm" in violation.message("en")
    assert "3 mm wide" in violation.message("en")
    assert "0.9 mm" in violation.message("zh_CN")
    assert "3 mm" in violation.message("zh_CN")

    _, errors = design(model, width=2.0, engraving="  ")
    assert "engraving-letter-height" not in errors
