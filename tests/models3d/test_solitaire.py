"""Solitaire ring: prongs, seat, stone and band."""

import io

import manifold3d
import numpy as np
import pytest
import shapely
import trimesh

from models3d.caching import clear_caches
from models3d.dims import DimensionError
from models3d.gems import CARAT_G
from models3d.generators import build
from models3d.materials import material
from models3d.ring import band_profile
from models3d.solids import (
    intersect,
    measure,
    to_manifold,
    union_parts,
)
from models3d.solitaire import (
    MIN_PRONG_MM,
    PEDESTAL_EDGE_MM,
    PEDESTAL_TOP_MM,
    _closed_along,
    _crowded_prongs,
    _joined_to_pedestal,
    _pedestal,
    _pedestal_radius,
    _prong,
    _prong_lines,
    _seated_prongs,
    _stone,
)
from tests.models3d.helpers import assert_parts_solid, catalog_dims, numeric_range


def solitaire(catalog, **values):
    model = catalog.get("ring-solitaire")
    design = model.engine.coerce(values)
    assert model.engine.evaluate(design).orderable
    return build("solitaire", {**design, **model.engine.derive(design)}), {
        **design,
        **model.engine.derive(design),
    }


def prong_sections(head, z):
    """Return the (min_x, min_y, max_x, max_y) box of each piece at height z."""
    pieces = to_manifold(head).slice(z).decompose()
    return [tuple(piece.bounds()) for piece in pieces]


@pytest.mark.parametrize(("carat", "prongs"), [(0.5, 4), (1.0, 6), (2.5, 6)])
def test_prongs_hold_stone(jewelry_catalog, carat, prongs):
    parts, dims = solitaire(
        jewelry_catalog, carat=carat, prongs=prongs, width=3.0, depth=1.8
    )
    assert [part.name for part in parts] == ["band", "head", "stone"]
    assert [part.material for part in parts] == [dims["metal"]] * 2 + ["diamond"]
    assert_parts_solid(parts)
    band, head, stone = (part.mesh for part in parts)
    assert band.body_count == 1
    assert head.body_count == 1

    # Just above the girdle only the prongs are cut: one section each, each
    # as wide as the prong diameter, which is at least the casting minimum.
    girdle_top = stone.bounds[1][2] - 0.162 * dims["stone_diameter"]
    sections = prong_sections(head, girdle_top + 0.05)
    assert len(sections) == prongs
    for low_x, low_y, high_x, high_y in sections:
        assert max(high_x - low_x, high_y - low_y) >= MIN_PRONG_MM
    assert dims["prong_diameter"] >= MIN_PRONG_MM


def test_stone_seated_by_interference(jewelry_catalog):
    parts, _ = solitaire(jewelry_catalog, carat=1.0)
    band, head, stone = (part.mesh for part in parts)
    overlap = intersect(head, stone).volume
    # The stone sinks SEAT_INTERFERENCE_MM into its seats, which follow the
    # pavilion down from the girdle, and into the pedestal: a real overlap,
    # but far less than the 2.4 mm³ of a prong's own volume.
    assert overlap > 1e-5
    assert overlap < 0.1
    assert intersect(band, stone).volume == 0.0
    # The prongs reach over the girdle: the seat's metal lies inside the
    # stone's radius above the girdle.
    radii = np.hypot(head.vertices[:, 0], head.vertices[:, 1])
    above = head.vertices[:, 2] > stone.bounds[1][2] - 0.1 * 6.5
    assert radii[above].min() < 6.5 / 2


@pytest.mark.parametrize("profile", ["flat", "court", "d_shape"])
@pytest.mark.parametrize("width", [2.5, 3.0, 4.0, 6.0])
def test_head_sits_in_band_by_interference(jewelry_catalog, profile, width):
    parts, _ = solitaire(jewelry_catalog, profile=profile, width=width, depth=1.8)
    band, head, _ = (part.mesh for part in parts)
    # The pedestal's underside follows the band's top SEAT_INTERFERENCE_MM
    # inside it: the parts overlap in a layer that thin under the pedestal,
    # and nowhere else.
    overlap = intersect(band, head)
    assert overlap.body_count == 1
    pedestal_area = np.pi * (min(width / 2.0, 1.6) - 0.05) ** 2
    assert 0.015 * pedestal_area < overlap.volume < 0.045 * pedestal_area
    assert overlap.extents[:2].max() < width
    # The head stays within the band's width where they meet.
    low = head.vertices[:, 2] < band.bounds[1][2] + 0.1
    assert np.abs(head.vertices[low, 1]).max() < width / 2.0


def test_stone_weight_follows_carat(jewelry_catalog):
    parts, _ = solitaire(jewelry_catalog, carat=1.0)
    stone_mass = measure(parts).mass_by_material()["diamond"]
    assert stone_mass / CARAT_G == pytest.approx(1.0, rel=0.05)


@pytest.mark.parametrize(
    ("carat", "prongs", "width"),
    [(0.1, 4, 3.0), (0.5, 4, 2.5), (1.0, 6, 4.0), (3.0, 6, 6.0)],
)
def test_metal_counts_overlap_once(jewelry_catalog, carat, prongs, width):
    parts, dims = solitaire(
        jewelry_catalog, carat=carat, prongs=prongs, width=width, depth=1.8
    )
    band, head, stone = parts
    assert head.joined_to == "band"
    assert band.joined_to is None
    assert stone.joined_to is None
    quantities = measure(parts)

    # The head's pedestal sits in the band, and the metal's volume and mass
    # are those of the two parts' union, with that overlap counted once.
    shared = intersect(band.mesh, head.mesh).volume
    assert shared > 0.04
    union = (to_manifold(band.mesh) + to_manifold(head.mesh)).volume()
    metal = [quantity for quantity in quantities if quantity.material == dims["metal"]]
    assert sum(quantity.volume_mm3 for quantity in metal) == pytest.approx(
        union, abs=1e-6
    )
    assert quantities.mass_by_material()[dims["metal"]] == pytest.approx(
        union * material(dims["metal"]).density_g_cm3 / 1000.0, rel=1e-9
    )
    assert quantities[0].volume_mm3 == pytest.approx(band.mesh.volume, rel=1e-12)
    assert quantities[1].volume_mm3 == pytest.approx(
        head.mesh.volume - shared, abs=1e-6
    )


def test_union_keeps_every_part(jewelry_catalog):
    parts, dims = solitaire(jewelry_catalog, carat=0.5, width=3.0, engraving="永恒")
    band, head, stone = (part.mesh for part in parts)
    fused = union_parts(parts)
    assert fused.is_watertight
    metal = union_parts(parts[:2])
    assert metal.volume == pytest.approx(
        band.volume + head.volume - intersect(band, head).volume, rel=1e-6
    )
    assert fused.volume == pytest.approx(
        metal.volume + stone.volume - intersect(metal, stone).volume, rel=1e-6
    )


def read_back_stl(mesh):
    """Write ``mesh`` as STL and read it back, merging vertices by position."""
    return trimesh.load(io.BytesIO(mesh.export(file_type="stl")), file_type="stl")


# Every carat weight the catalog offers, with four prongs where the rules
# allow them, at sizes spread over the US range.
SWEEP = [
    (carat, prongs, f"US {3 + index % 11}")
    for index, carat in enumerate(numeric_range("ring-solitaire", "carat"))
    for prongs in (4, 6)
    if prongs == 6 or carat <= 2.0
]

# Designs whose STL once had edges shared by four faces where the stone
# touched its metal, and stray zero-volume pieces at 1.5 ct with six prongs.
TESTER_DESIGNS = [
    (0.1, 4, "US 4"),
    (0.55, 6, "US 6"),
    (1.5, 6, "US 6"),
    (2.05, 6, "US 6"),
    (2.5, 6, "US 10"),
    (3.0, 6, "US 6"),
]


@pytest.mark.parametrize(("carat", "prongs", "size"), SWEEP + TESTER_DESIGNS)
def test_stl_of_union_one_watertight_body(jewelry_catalog, carat, prongs, size):
    parts, _ = solitaire(
        jewelry_catalog,
        carat=carat,
        prongs=prongs,
        size_system="US",
        size=size,
        width=2.5,
        depth=1.7,
        metal="platinum_950",
    )
    assert_parts_solid(parts)

    fused = read_back_stl(union_parts(parts))
    assert fused.is_watertight
    assert fused.is_volume
    assert len(fused.split(only_watertight=False)) == 1

    pattern = read_back_stl(union_parts(parts[:2]))
    assert pattern.is_watertight
    assert pattern.is_volume
    assert len(pattern.split(only_watertight=False)) == 1


def test_engraving_inside_bottom(jewelry_catalog):
    plain, _ = solitaire(jewelry_catalog, width=4.0)
    engraved, dims = solitaire(jewelry_catalog, width=4.0, engraving="Forever")
    assert engraved[0].mesh.volume < plain[0].mesh.volume
    removed = np.setdiff1d(
        engraved[0].mesh.vertices.round(6).view("f8,f8,f8").ravel(),
        plain[0].mesh.vertices.round(6).view("f8,f8,f8").ravel(),
    )
    heights = np.array([vertex[2] for vertex in removed])
    assert heights.max() < dims["outer_diameter"] / 2


def test_thin_prong_rejected(solitaire_dims):
    dims = dict(solitaire_dims, prong_diameter=0.5)
    with pytest.raises(DimensionError, match="prong_diameter"):
        build("solitaire", dims)


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ({"carat": 1.5, "width": 2.0, "prongs": 4}, "heavy-stone-band"),
        ({"carat": 0.5, "width": 2.0}, "prong-head-band"),
        ({"carat": 1.5, "metal": "silver_925"}, "metal-carat"),
        ({"carat": 2.5, "prongs": 4, "width": 3.0}, "six-prongs"),
        (
            {"engraving": "A", "profile": "d_shape", "depth": 1.5},
            "engraving-domed-depth",
        ),
        ({"engraving": "A", "width": 2.5}, "engraving-letter-height"),
    ],
)
def test_rules_reject(jewelry_catalog, values, rule):
    model = jewelry_catalog.get("ring-solitaire")
    evaluation = model.engine.evaluate(model.engine.coerce(values))
    assert rule in [violation.rule for violation in evaluation.errors]


def test_closed_along_checks_the_seams():
    # A tetrahedron, with a seam through the corners of its first face.
    faces = np.array([[0, 2, 1], [0, 1, 3], [1, 2, 3], [2, 0, 3]])
    seams = np.array([True, True, True, False])
    assert _closed_along(faces, seams)
    assert not _closed_along(faces[1:], seams)
    assert not _closed_along(np.concatenate([faces, faces[:1]]), seams)
    flipped = faces.copy()
    flipped[0] = flipped[0, ::-1]
    assert not _closed_along(flipped, seams)


@pytest.mark.parametrize(("root", "count"), [(0.2, 6), (0.0, 6), (0.5, 4), (0.9, 6)])
def test_crowded_prongs_join_as_union(root, count, caplog):
    # Prongs of a 3 ct stone's head, their roots closer than a diameter.
    rod = _prong([(0.0, root, 0.32), (0.0, 5.06, 4.32), (0.0, 5.06, 5.2)], 0.637)
    stone = to_manifold(_stone(9.1).mesh())
    seat = stone.scale((0.995, 0.995, 1.0))
    vertices, faces = _crowded_prongs(rod, count, seat)
    # No warning: the copies were joined without the boolean fallback.
    assert not caplog.records
    mesh = trimesh.Trimesh(vertices, faces, process=False)
    assert mesh.is_watertight
    assert mesh.is_winding_consistent
    assert mesh.body_count == 1

    copies = [rod.rotate((0.0, 0.0, 360.0 * index / count)) for index in range(count)]
    union = manifold3d.Manifold.batch_boolean(copies, manifold3d.OpType.Add) - seat
    joined = to_manifold(mesh)
    assert joined.genus() == union.genus()
    assert joined.volume() == pytest.approx(union.volume(), rel=1e-9)
    assert joined.surface_area() == pytest.approx(union.surface_area(), rel=1e-9)
    assert np.allclose(joined.bounding_box(), union.bounding_box(), atol=1e-9)


@pytest.mark.parametrize(
    ("carat", "prongs", "width"),
    [(0.25, 4, 2.5), (0.5, 6, 4.0), (1.0, 6, 3.0), (2.0, 4, 2.5), (3.0, 6, 2.5)],
)
def test_prongs_stand_on_pedestal(jewelry_catalog, carat, prongs, width, caplog):
    clear_caches()
    parts, dims = solitaire(
        jewelry_catalog, carat=carat, prongs=prongs, width=width, depth=1.8
    )
    head = parts[1].mesh
    # No warning: the head was joined without the boolean fallbacks.
    assert not caplog.records
    assert head.is_watertight
    assert head.is_winding_consistent
    assert head.body_count == 1
    # Below the pedestal's top, the head is the pedestal alone.
    top = dims["outer_diameter"] + PEDESTAL_TOP_MM
    below = head.vertices[head.vertices[:, 2] < top - 1e-9]
    radii = np.hypot(below[:, 0], below[:, 1])
    assert radii.max() <= width / 2.0 - PEDESTAL_EDGE_MM + 1e-9
    # Just above it, the prongs' sections lie within the pedestal's rim.
    polygons = to_manifold(head).slice(top + 0.005).to_polygons()
    assert polygons
    points = np.concatenate(polygons)
    assert np.hypot(points[:, 0], points[:, 1]).max() < width / 2.0 - PEDESTAL_EDGE_MM


@pytest.mark.parametrize(
    ("carat", "prongs", "width"), [(0.5, 4, 2.5), (1.0, 6, 4.0), (3.0, 6, 2.5)]
)
def test_pedestal_join_matches_union(carat, prongs, width):
    dims = catalog_dims("ring-solitaire", carat=carat, prongs=prongs, width=width)
    stone, prong = dims["stone_diameter"], dims["prong_diameter"]
    section = band_profile(
        dims["profile"], dims["inner_diameter"], dims["depth"], width
    )
    pedestal = _pedestal(
        _pedestal_radius(stone, prong, width), PEDESTAL_TOP_MM, section, width
    )
    seated = _seated_prongs(stone, prong, prongs, width)
    joined = to_manifold(_joined_to_pedestal(pedestal, PEDESTAL_TOP_MM, seated))
    union = to_manifold(trimesh.Trimesh(*pedestal, process=False)) + to_manifold(
        seated.mesh()
    )
    assert joined.genus() == union.genus()
    assert joined.volume() == pytest.approx(union.volume(), rel=1e-9)
    assert joined.surface_area() == pytest.approx(union.surface_area(), rel=1e-9)
    assert np.allclose(joined.bounding_box(), union.bounding_box(), atol=1e-9)


def section_thickness(solid, centre, axis):
    """Return the diameter of the largest circle inside the piece of
    ``solid``'s section through ``centre`` perpendicular to ``axis`` that
    contains ``centre``, or 0 where no piece contains it.

    For a round prong this is its diameter, and where a seat cuts a notch,
    the metal left between the notch's floor and the far side. Unlike the
    width of the section's convex hull, it also measures a groove that curves
    round the stone.
    """
    axis = axis / np.linalg.norm(axis)
    helper = [0.0, 0.0, 1.0] if abs(axis[2]) < 0.9 else [1.0, 0.0, 0.0]
    first = np.cross(helper, axis)
    first /= np.linalg.norm(first)
    rotation = np.array([first, np.cross(axis, first), axis])
    moved = solid.transform(np.column_stack([rotation, -rotation @ centre]))
    origin = shapely.Point(0.0, 0.0)
    for piece in moved.slice(0.0).decompose():
        contours = sorted(
            (shapely.Polygon(contour) for contour in piece.to_polygons()),
            key=lambda polygon: polygon.area,
            reverse=True,
        )
        polygon = shapely.Polygon(
            contours[0].exterior, [hole.exterior for hole in contours[1:]]
        )
        if polygon.contains(origin):
            circle = shapely.maximum_inscribed_circle(polygon, tolerance=1e-4)
            return 2.0 * circle.length
    return 0.0


def thinnest_prong_sections(head, lines, radius, pedestal_top, spacing=0.02):
    """Return the thinnest section of each prong, and where it lies.

    Each leg of each prong's centre line, root to knee and knee to tip, is
    sectioned perpendicular to itself every ``spacing`` mm. Sections that
    reach to within 0.01 mm of the pedestal's top, where a leg merges into
    it, are left out.
    """
    solid = to_manifold(head)
    thinnest = []
    for root, knee, tip in lines:
        sections = []
        for start, end in ((root, knee), (knee, tip)):
            axis = end - start
            length = np.linalg.norm(axis)
            # The lowest point of a section's circle lies this far below
            # its centre.
            drop = radius * np.hypot(axis[0], axis[1]) / length
            for share in np.linspace(0.0, 1.0, int(length / spacing) + 2):
                centre = start + share * axis
                if centre[2] - drop > pedestal_top + 0.01:
                    sections.append(
                        (section_thickness(solid, centre, axis), centre.round(2))
                    )
        thinnest.append(min(sections, key=lambda section: section[0]))
    return thinnest


# On a 2.5 mm band, the narrowest the rules allow for a prong head.
@pytest.mark.parametrize(("carat", "prongs", "size"), SWEEP)
def test_prongs_thick_enough_everywhere(carat, prongs, size):
    dims = catalog_dims(
        "ring-solitaire", carat=carat, prongs=prongs, size=size, width=2.5
    )
    head = build("solitaire", dims)[1].mesh
    top = np.array([0.0, 0.0, dims["outer_diameter"]])
    lines, _ = _prong_lines(dims["stone_diameter"], dims["prong_diameter"], prongs, 2.5)
    radius = dims["prong_diameter"] / 2.0
    thinnest = thinnest_prong_sections(
        head, lines + top, radius, top[2] + PEDESTAL_TOP_MM
    )
    assert len(thinnest) == prongs
    for thickness, centre in thinnest:
        assert thickness >= MIN_PRONG_MM, f"{thickness:.3f} mm at {centre}"
