"""Pendant and bangle geometry and their catalog rules."""

import numpy as np
import pytest
import trimesh
from shapely.geometry import LinearRing

from models3d import flat_engraving
from models3d import rounded_slab as rounded_slab_module
from models3d.caching import clear_caches
from models3d.casting import casting_weight_g, metal_weight_g
from models3d.dims import DimensionError
from models3d.engrave import ENGRAVING_DEPTH_MM, engrave_flat, text_area
from models3d.flat_engraving import cut_in_plane, placed_glyphs
from models3d.generators import build
from models3d.materials import material
from models3d.pendant import (
    BAIL_HOLE_MM,
    BAIL_LENGTH_MM,
    BAIL_OUTER_DIAMETER_MM,
    BAIL_WALL_MM,
    SHAPES,
    _body_and_bail,
    bail_mesh,
    check_engraving_fits,
    outline,
    pendant_extents,
)
from models3d.ring import PROFILES
from models3d.rounded_slab import (
    EDGE_RADIUS_FRACTION,
    rim_profile,
    rounded_body,
    rounded_slab,
)
from models3d.solids import intersect, measure, to_manifold, union_parts
from tests.models3d.helpers import (
    EXTENT_TOLERANCE_MM,
    assert_extents,
    assert_solid,
    min_axis_distance,
)


def pendant_dims(shape="disc", size=25, thickness=1.5, engraving=""):
    return {
        "shape": shape,
        "size": size,
        "thickness": thickness,
        "metal": "gold_18k_yellow",
        "engraving": engraving,
        "letter_height": min(0.16 * size, 5.0),
    }


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("size", [12, 25, 35])
def test_pendant_body_and_bail_parts(shape, size):
    body, bail = build("pendant", pendant_dims(shape, size))
    assert (body.name, bail.name) == ("pendant", "bail")
    assert body.material == bail.material == "gold_18k_yellow"
    for part in (body, bail):
        assert_solid(part.mesh, f"{shape} {part.name}")
        assert part.mesh.body_count == 1
    # The body alone spans the outline and the thickness.
    shape_outline, _ = outline(shape, size)
    outline_height = shape_outline.bounds[3] - shape_outline.bounds[1]
    np.testing.assert_allclose(body.mesh.extents, [size, outline_height, 1.5])
    # Together, bail included, they span the pendant's extents.
    together = trimesh.util.concatenate([body.mesh, bail.mesh])
    assert_extents(together, list(pendant_extents(shape, size, 1.5)), shape)
    assert together.extents[2] == pytest.approx(BAIL_OUTER_DIAMETER_MM)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("size", "thickness"), [(12, 3.0), (25, 1.5), (35, 0.8)])
def test_casting_union_one_body(shape, size, thickness):
    parts = build("pendant", pendant_dims(shape, size, thickness))
    union = union_parts(parts)
    assert_solid(union, f"{shape} {size} {thickness}")
    assert union.body_count == 1
    # The loop keeps its hole through the union.
    assert to_manifold(union).genus() == 1
    # The parts overlap where the bail passes through the rim, by the
    # volumes that the pendant module's description gives.
    overlap = sum(part.mesh.volume for part in parts) - union.volume
    largest = {"disc": 2.7, "heart": 6.6}[shape]
    assert 0.005 < overlap < largest


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("size", "thickness"), [(12, 3.0), (25, 1.5), (35, 0.8)])
def test_rounded_body_closed_within_outline(shape, size, thickness):
    shape_outline, _ = outline(shape, size)
    body = rounded_body(shape_outline, thickness)
    assert_solid(body, f"{shape} {size}")
    assert body.body_count == 1
    low, high = shape_outline.bounds[:2], shape_outline.bounds[2:]
    np.testing.assert_allclose(body.bounds[0], [*low, 0.0], atol=1e-9)
    np.testing.assert_allclose(body.bounds[1], [*high, thickness], atol=1e-9)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("size", "thickness"), [(12, 3.0), (35, 0.8)])
def test_rounded_body_rings_nested(shape, size, thickness):
    # Each ring is a simple polygon, and along every ray from the centre a
    # deeper inset lies no farther out, so the loft's quads cannot cross.
    shape_outline, _ = outline(shape, size)
    slab = rounded_slab(shape_outline, thickness)
    insets, _ = rim_profile(thickness)
    reach = {}
    for inset, ring in zip(insets, slab.rings, strict=True):
        assert LinearRing(ring[:, :2]).is_simple, inset
        reach[inset] = np.hypot(*(ring[:, :2] - slab.centre).T)
    depths = sorted(reach)
    for outer, inner in zip(depths, depths[1:], strict=False):
        assert np.all(reach[inner] <= reach[outer] + 1e-9), (outer, inner)
    outermost = slab.rings[insets == 0.0][0, :, :2]
    corners = np.asarray(shape_outline.exterior.coords)[:-1]
    np.testing.assert_array_equal(outermost, corners)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("size", "thickness"), [(12, 3.0), (35, 0.8)])
def test_back_inner_faces_match_plane(shape, size, thickness):
    # The back's faces on Z = 0 that touch no vertex of the border of all
    # of them, as cut_in_plane finds them.
    shape_outline, _ = outline(shape, size)
    slab = rounded_slab(shape_outline, thickness)
    vertices, faces, _ = slab.arrays()
    on_back = (vertices[faces][:, :, 2] == 0.0).all(axis=1)
    edges = faces[on_back][:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)
    undirected = {tuple(sorted(edge)) for edge in edges.tolist()}
    counts = {edge: 0 for edge in undirected}
    for edge in edges.tolist():
        counts[tuple(sorted(edge))] += 1
    border = {vertex for edge, n in counts.items() if n == 1 for vertex in edge}
    clear = on_back & ~np.isin(faces, list(border)).any(axis=1)
    np.testing.assert_array_equal(
        np.sort(slab.back_inner_faces()), np.flatnonzero(clear)
    )


def test_cut_in_plane_keeps_faces_outside_known():
    # Given only the back's fan, the cut keeps the band around it, which
    # the faces found from the mesh would have replaced.
    shape_outline, _ = outline("disc", 25)
    slab = rounded_slab(shape_outline, 1.5)
    body = slab.mesh()
    # The band's two triangles per column come first, then the fan.
    size = slab.rings.shape[1]
    band, fan = np.split(slab.back_inner_faces(), [2 * size])
    glyphs = placed_glyphs("Anna", 2.5, (0.0, -12.5))
    known = cut_in_plane(body, glyphs, 0.0, ENGRAVING_DEPTH_MM, face=fan)
    found = cut_in_plane(body, glyphs, 0.0, ENGRAVING_DEPTH_MM)
    assert_solid(known, "fan")
    assert known.volume == pytest.approx(found.volume, rel=1e-9)
    kept = {tuple(row) for row in known.vertices[known.faces].reshape(-1, 9).tolist()}
    corners = body.vertices[body.faces[band]].reshape(-1, 9).tolist()
    assert all(tuple(row) in kept for row in corners)
    replaced = {
        tuple(row) for row in found.vertices[found.faces].reshape(-1, 9).tolist()
    }
    assert not any(tuple(row) in replaced for row in corners)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("size", "thickness"), [(12, 3.0), (25, 1.5), (35, 0.8)])
def test_back_inner_border_is_traced_loop(shape, size, thickness):
    # The loop the slab gives for its back's inner faces is the one the
    # cut would trace from their open edges, so a cut given it is the same.
    shape_outline, _ = outline(shape, size)
    slab = rounded_slab(shape_outline, thickness)
    body = slab.mesh()
    back = slab.back_inner_faces()
    border = slab.back_inner_border()
    traced = flat_engraving._outline_loop(body.faces[back])
    np.testing.assert_array_equal(border, traced)

    glyphs = placed_glyphs("A ♥ B", 0.12 * size, (0.0, -size / 2.0))
    given = cut_in_plane(body, glyphs, 0.0, ENGRAVING_DEPTH_MM, back, border)
    found = cut_in_plane(body, glyphs, 0.0, ENGRAVING_DEPTH_MM, back)
    assert_solid(given, "given border")
    np.testing.assert_array_equal(given.vertices, found.vertices)
    np.testing.assert_array_equal(given.faces, found.faces)


def rounded_disc_volume(radius, thickness, edge):
    """Volume of a disc of ``radius`` whose two rims are rounded by ``edge``.

    Each round removes the corner between a square of side ``edge`` and a
    quarter circle, area edge² (1 - pi / 4), whose centroid lies
    edge (5/6 - pi/4) / (1 - pi/4) inside the rim. Pappus' theorem turns
    it around the axis.
    """
    corner = edge**2 * (1 - np.pi / 4)
    centroid = edge * (5 / 6 - np.pi / 4) / (1 - np.pi / 4)
    removed = 2 * corner * 2 * np.pi * (radius - centroid)
    return np.pi * radius**2 * thickness - removed


@pytest.mark.parametrize(("size", "thickness"), [(12, 3.0), (25, 1.5), (35, 0.8)])
def test_rounded_disc_volume_analytic(size, thickness):
    body = rounded_body(outline("disc", size)[0], thickness)
    edge = EDGE_RADIUS_FRACTION * thickness
    expected = rounded_disc_volume(size / 2, thickness, edge)
    # The rounds' 15 degree chords cut up to 0.35 % more than true arcs.
    assert body.volume == pytest.approx(expected, rel=5e-3)
    assert body.volume < expected
    assert body.volume < np.pi * (size / 2) ** 2 * thickness


def sampled_volume(shape_outline, thickness, steps=400):
    """Integrate the area of the outline shrunk by the rim's inset over Z."""
    edge = EDGE_RADIUS_FRACTION * thickness
    heights = (np.arange(steps) + 0.5) * thickness / steps
    below = np.minimum(heights, thickness - heights)
    rise = np.clip(edge - below, 0.0, None)
    insets = edge - np.sqrt(np.maximum(edge**2 - rise**2, 0.0))
    areas = [
        shape_outline.buffer(-inset).area if inset else shape_outline.area
        for inset in insets
    ]
    return float(np.sum(areas) * thickness / steps)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("size", "thickness"), [(12, 3.0), (30, 2.0)])
def test_rounded_body_volume_sampled(shape, size, thickness):
    shape_outline, _ = outline(shape, size)
    body = rounded_body(shape_outline, thickness)
    expected = sampled_volume(shape_outline, thickness)
    # Less than the true rounds: their 15 degree chords cut up to 0.35 %,
    # and at a heart's notch the rings stop where the rays first leave the
    # shrunk outline.
    assert body.volume == pytest.approx(expected, rel=0.01)
    assert body.volume < expected


@pytest.mark.parametrize("shape", SHAPES)
def test_pendant_build_deterministic(shape):
    dims = pendant_dims(shape, 30, 2.0, "A ♥ B")
    clear_caches()
    first = build("pendant", dims)
    clear_caches()
    second = build("pendant", dims)
    assert [part.name for part in first] == [part.name for part in second]
    for built, rebuilt in zip(first, second, strict=True):
        assert np.array_equal(built.mesh.vertices, rebuilt.mesh.vertices), built.name
        assert np.array_equal(built.mesh.faces, rebuilt.mesh.faces), built.name


def test_bail_rounded_loop():
    bail = bail_mesh(0.0)
    assert_solid(bail, "bail")
    assert bail.body_count == 1
    extents = [BAIL_LENGTH_MM, BAIL_OUTER_DIAMETER_MM, BAIL_OUTER_DIAMETER_MM]
    np.testing.assert_allclose(bail.extents, extents, atol=1e-6)
    # The hole's lowest point sits at the attachment height.
    low = [-BAIL_LENGTH_MM / 2, -BAIL_WALL_MM, 0.0]
    np.testing.assert_allclose(bail.bounds[0], low, atol=1e-6)
    axis = [BAIL_HOLE_MM / 2, BAIL_OUTER_DIAMETER_MM / 2]
    reach = np.hypot(*(bail.vertices[:, 1:] - axis).T)
    assert reach.min() == pytest.approx(BAIL_HOLE_MM / 2)
    assert reach.max() == pytest.approx(BAIL_OUTER_DIAMETER_MM / 2)
    # Rounded ends: at the ends along X the wall has narrowed to a point.
    ends = np.abs(bail.vertices[:, 0]) > BAIL_LENGTH_MM / 2 - 1e-9
    assert np.ptp(reach[ends]) == pytest.approx(0.0, abs=1e-9)


def test_rounded_edge_lowers_weight(jewelry_catalog):
    model = jewelry_catalog.get("pendant-disc")
    values = model.engine.coerce({})
    dims = {**values, **model.engine.derive(values)}
    parts = build("pendant", dims)
    body, bail = measure(parts)
    assert body.volume_mm3 == pytest.approx(parts[0].mesh.volume)
    size, thickness = dims["size"], dims["thickness"]
    slab = np.pi * (size / 2) ** 2 * thickness
    rounded = rounded_body(outline("disc", size)[0], thickness).volume
    assert body.volume_mm3 == pytest.approx(rounded)
    assert rounded < slab
    # The bail counts the loop outside the body, so the two parts' volumes
    # are the metal cast.
    loop = bail_mesh(0.0).volume
    assert parts[1].mesh.volume == pytest.approx(loop)
    assert bail.volume_mm3 < loop
    cast = union_parts(parts).volume
    assert body.volume_mm3 + bail.volume_mm3 == pytest.approx(cast)
    assert rounded < cast < rounded + loop


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("size", "thickness"), [(25, 1.5), (35, 3.0)])
@pytest.mark.parametrize("engraving", ["", "A ♥ B"])
def test_metal_counts_bail_overlap_once(shape, size, thickness, engraving):
    dims = {**pendant_dims(shape, size, thickness, engraving), "metal": "platinum_950"}
    parts = build("pendant", dims)
    body, bail = parts
    union = union_parts(parts)
    quantities = measure(parts)

    # The metal is the casting pattern's: the union of body and bail.
    assert quantities.total_volume_mm3 == pytest.approx(union.volume, abs=1e-6)
    density = material("platinum_950").density_g_cm3
    expected_g = union.volume * density / 1000.0
    assert metal_weight_g(quantities) == pytest.approx(expected_g, rel=1e-9)
    assert casting_weight_g(quantities) == pytest.approx(1.1 * expected_g, rel=1e-9)
    # The plating area is the union's too, without the surfaces inside.
    areas = sum(quantity.surface_area_mm2 for quantity in quantities)
    assert areas == pytest.approx(union.area, rel=1e-9)

    # The body keeps its whole volume, and the bail counts what lies outside.
    shared = intersect(body.mesh, bail.mesh).volume
    assert shared > 0.005
    assert quantities[0].volume_mm3 == pytest.approx(body.mesh.volume, rel=1e-12)
    assert quantities[1].volume_mm3 == pytest.approx(
        bail.mesh.volume - shared, abs=1e-6
    )
    for quantity in quantities:
        assert quantity.mass_g == pytest.approx(
            quantity.volume_mm3 * density / 1000.0, rel=1e-12
        )

    # The preview's parts stay as they were: the whole loop, unfused.
    assert bail.joined_to == "pendant"
    assert body.joined_to is None
    assert bail.mesh.volume == pytest.approx(bail_mesh(0.0).volume)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("thickness", [0.8, 1.5, 3.0])
def test_bail_hole_clear_joint_deep(shape, thickness):
    # The hole, over the bail's length, contains no metal, so a heart's
    # lobes stay out of it. The loop reaches a wall's depth into the body
    # and most of the body's thickness high.
    body, bail = build("pendant", pendant_dims(shape, 25, thickness))
    low = bail.mesh.bounds[0]
    rod = trimesh.creation.cylinder(
        radius=BAIL_HOLE_MM / 2 - 0.01, height=BAIL_LENGTH_MM, sections=64
    )
    rod.apply_transform(trimesh.transformations.rotation_matrix(np.pi / 2, [0, 1, 0]))
    rod.apply_translation(
        [0.0, low[1] + BAIL_WALL_MM + BAIL_HOLE_MM / 2, BAIL_OUTER_DIAMETER_MM / 2]
    )
    assert intersect(body.mesh, rod).volume == pytest.approx(0.0, abs=1e-9)
    joint = intersect(body.mesh, bail.mesh)
    assert joint.extents[1] >= BAIL_WALL_MM - 1e-6
    assert joint.extents[2] >= 0.7


def test_bail_hole_open():
    # A 1 mm rod along X through the bail's hole, standing in for the
    # chain, meets no metal.
    mesh = union_parts(build("pendant", pendant_dims("disc", 20)))
    top = mesh.bounds[1][1]
    chain = trimesh.creation.box([10.0, 1.0, 1.0])
    chain.apply_translation(
        [0.0, top - 0.8 - BAIL_HOLE_MM / 2, BAIL_OUTER_DIAMETER_MM / 2]
    )
    assert intersect(mesh, chain).volume == pytest.approx(0.0, abs=1e-9)
    chain.apply_translation([0.0, -(BAIL_HOLE_MM / 2 + 0.4), 0.0])
    assert intersect(mesh, chain).volume > 0


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("text", ["Forever", "永恒"])
def test_back_engraving_cut(shape, text):
    plain = build("pendant", pendant_dims(shape, 30, 2.0))
    engraved = build("pendant", pendant_dims(shape, 30, 2.0, text))
    assert_solid(engraved[0].mesh, text)
    expected = text_area(text, 4.8) * ENGRAVING_DEPTH_MM
    removed = plain[0].mesh.volume - engraved[0].mesh.volume
    assert removed == pytest.approx(expected, rel=1e-6)
    # The engraving stays on the body's back and leaves the bail as it was.
    assert np.array_equal(plain[1].mesh.vertices, engraved[1].mesh.vertices)
    assert np.array_equal(plain[1].mesh.faces, engraved[1].mesh.faces)


def engraved_both_ways(shape, size, thickness, text):
    """Cut ``text`` into a pendant's back in the plane and with the boolean."""
    letter_height = min(0.16 * size, 5.0)
    arrays, _, shift_y, _, _ = _body_and_bail(shape, size, thickness)
    centre = check_engraving_fits(outline(shape, size)[0], text, letter_height)
    placed = (centre[0], centre[1] + shift_y)
    plain = arrays.mesh()
    glyphs = placed_glyphs(text, letter_height, placed)
    flat = cut_in_plane(plain, glyphs, 0.0, ENGRAVING_DEPTH_MM)
    boolean = engrave_flat(plain, text, letter_height, placed, in_plane=False)
    return plain, flat, boolean


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("text", ["Anna ♥", "Léa 2024", "永恒", "A & B ♥"])
def test_flat_engraving_matches_boolean(shape, text):
    plain, flat, boolean = engraved_both_ways(shape, 30, 2.0, text)
    assert flat is not None, text
    assert_solid(flat, text)
    assert flat.body_count == 1
    assert to_manifold(flat).genus() == to_manifold(boolean).genus()
    np.testing.assert_allclose(flat.bounds, boolean.bounds, atol=EXTENT_TOLERANCE_MM)
    removed = plain.volume - flat.volume
    assert removed == pytest.approx(plain.volume - boolean.volume, rel=0.01)
    # The same region, not only the same volume.
    difference = to_manifold(flat) ^ to_manifold(boolean)
    assert abs(difference.volume() - boolean.volume) < 0.01 * removed


def test_flat_engraving_keeps_round_band():
    # The cut replaces the back inside the band next to the round, so the
    # triangles that meet the round stay as they were.
    plain, flat, _ = engraved_both_ways("disc", 30, 2.0, "Anna ♥")
    centre_y = plain.bounds[0][1] + 15.0

    def band(mesh):
        corners = mesh.vertices[mesh.faces]
        on_back = (corners[:, :, 2] == 0.0).all(axis=1)
        reach = np.hypot(corners[:, :, 0], corners[:, :, 1] - centre_y)
        # The round starts 0.8 mm inside the rim, its band 0.08 mm farther in.
        meets_round = (reach > 15.0 - 0.84).any(axis=1)
        triangles = corners[on_back & meets_round].round(9)
        return sorted(map(tuple, triangles.reshape(len(triangles), -1)))

    assert len(band(plain)) > 0
    assert band(flat) == band(plain)


def test_flat_engraving_falls_back_off_the_flat():
    # Glyphs that reach the rounded rim cannot be cut in the plane, but the
    # boolean still cuts them.
    arrays, _, shift_y, _, _ = _body_and_bail("disc", 25, 3.0)
    plain = arrays.mesh()
    centre = (plain.bounds[1][0] - 3.0, shift_y - 12.5)
    glyphs = placed_glyphs("ABC", 4.0, centre)
    assert cut_in_plane(plain, glyphs, 0.0, ENGRAVING_DEPTH_MM) is None
    engraved = engrave_flat(plain, "ABC", 4.0, centre)
    assert_solid(engraved, "ABC")
    assert engraved.body_count == 1
    assert (
        0 < plain.volume - engraved.volume < text_area("ABC", 4.0) * ENGRAVING_DEPTH_MM
    )


def test_engraving_that_does_not_fit():
    with pytest.raises(DimensionError, match="larger pendant"):
        build("pendant", pendant_dims("heart", 25, 2.0, "永恒永恒永恒永恒永恒"))


@pytest.mark.parametrize("shape", SHAPES)
def test_catalog_length_rule_guarantees_fit(jewelry_catalog, shape):
    model = jewelry_catalog.get("pendant-disc")
    for size in range(25, 36):
        values = model.engine.coerce({"shape": shape, "size": size})
        derived = model.engine.derive(values)
        text = "♥" * derived["max_engraving_chars"]
        check_engraving_fits(outline(shape, size)[0], text, derived["letter_height"])


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ({"engraving": "A", "thickness": 1.2}, "engraving-depth"),
        ({"engraving": "A", "size": 20}, "engraving-letter-size"),
        ({"metal": "silver_925", "thickness": 0.9}, "silver-thickness"),
    ],
)
def test_pendant_rules_reject(jewelry_catalog, values, rule):
    model = jewelry_catalog.get("pendant-disc")
    evaluation = model.engine.evaluate(model.engine.coerce(values))
    assert rule in [violation.rule for violation in evaluation.errors]


def bangle_dims(hand_size, width, thickness, profile):
    inner = (hand_size + 20) / np.pi
    return {
        "hand_size": hand_size,
        "inner_diameter": inner,
        "width": width,
        "thickness": thickness,
        "profile": profile,
        "metal": "silver_925",
    }


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("hand_size", [170, 240])
def test_bangle_bore_and_extents(profile, hand_size):
    dims = bangle_dims(hand_size, 8.0, 2.5, profile)
    part = build("bangle", dims)[0]
    assert_solid(part.mesh, profile)
    outer = dims["inner_diameter"] + 5.0
    assert_extents(part.mesh, [outer, outer, 8.0], profile)
    bore = 2 * min_axis_distance(part.mesh)
    assert abs(bore - dims["inner_diameter"]) <= EXTENT_TOLERANCE_MM


def test_bangle_slips_over_hand(jewelry_catalog):
    model = jewelry_catalog.get("bangle")
    values = model.engine.coerce({"hand_size": 200})
    inner = model.engine.derive(values)["inner_diameter"]
    assert np.pi * inner == pytest.approx(220.0)


def test_bangle_mass_estimate_close(jewelry_catalog):
    from models3d.solids import measure

    model = jewelry_catalog.get("bangle")
    for profile in PROFILES:
        values = model.engine.coerce({"profile": profile, "thickness": 3.0})
        dims = {**values, **model.engine.derive(values)}
        mass = measure(build("bangle", dims)).total_mass_g
        assert dims["estimated_mass"] == pytest.approx(mass, rel=0.1), profile


def test_bangle_density_lookup_matches_materials(jewelry_catalog):
    from models3d.materials import material

    model = jewelry_catalog.get("bangle")
    for metal, density in model.rules.lookups["density"].items():
        assert density == material(metal).density_g_cm3


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ({"width": 15.0, "thickness": 2.0}, "wide-thin"),
        ({"metal": "silver_925", "thickness": 1.8}, "silver-thickness"),
        (
            {"profile": "court", "thickness": 1.3, "metal": "gold_18k_yellow"},
            "domed-thickness",
        ),
    ],
)
def test_bangle_rules_reject(jewelry_catalog, values, rule):
    model = jewelry_catalog.get("bangle")
    evaluation = model.engine.evaluate(model.engine.coerce(values))
    assert rule in [violation.rule for violation in evaluation.errors]


@pytest.mark.parametrize("size", [12.0, 25.0, 40.0])
@pytest.mark.parametrize("thickness", [0.8, 1.5, 3.0])
def test_disc_insets_match_shrunk_outline(monkeypatch, size, thickness):
    # A disc's rim rings come from the regular polygon's own formula, which
    # must give what shrinking the outline with a buffer gives.
    shape_outline, _ = outline("disc", size)
    regular = rounded_slab(shape_outline, thickness).rings
    monkeypatch.setattr(rounded_slab_module, "_regular_insets", lambda *args: None)
    buffered = rounded_slab(shape_outline, thickness).rings
    assert np.abs(regular - buffered).max() < 1e-12


def test_heart_insets_not_regular():
    shape_outline, _ = outline("heart", 25.0)
    points = np.asarray(shape_outline.exterior.coords)[:-1]
    angles = np.linspace(0.0, 2.0 * np.pi, len(points), endpoint=False)
    centre = np.array([0.0, -10.0])
    insets = np.array([0.5, 1.0])
    assert (
        rounded_slab_module._regular_insets(shape_outline, insets, centre, angles)
        is None
    )
