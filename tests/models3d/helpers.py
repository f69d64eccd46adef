"""Catalog-driven design values and geometric checks for the geometry tests.

Parameters come from resources/catalog/*.toml. The ring and table factories
copy the catalog's derived expressions and assert that the catalog still
has them. ``catalog_dims`` computes derived values with the catalog's own
rules engine.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache
from typing import Any

import numpy as np
import pytest
import trimesh
from scipy.spatial import cKDTree

from models3d.parts import Part
from models3d.sizes import ring_inner_diameter, shoe_size_choices
from resources import CATALOG_DIR

EXTENT_TOLERANCE_MM = 0.01


@cache
def catalog(model_id: str) -> dict[str, Any]:
    with (CATALOG_DIR / f"{model_id}.toml").open("rb") as handle:
        return tomllib.load(handle)


def parameter(model_id: str, name: str) -> dict[str, Any]:
    return next(p for p in catalog(model_id)["parameters"] if p["name"] == name)


def choice_values(model_id: str, name: str) -> list[Any]:
    return [choice["value"] for choice in parameter(model_id, name)["choices"]]


def numeric_range(model_id: str, name: str) -> list[float]:
    """Every value of a numeric parameter from minimum to maximum by step."""
    spec = parameter(model_id, name)
    low, high, step = (
        Decimal(str(spec[key])) for key in ("minimum", "maximum", "step")
    )
    count = int((high - low) / step) + 1
    return [float(low + i * step) for i in range(count)]


def derived_expression(model_id: str, name: str) -> str:
    return next(d for d in catalog(model_id)["derived"] if d["name"] == name)[
        "expression"
    ]


def ring_dims(
    size: str, width: float, depth: float, profile: str, metal: str, engraving: str = ""
) -> dict[str, Any]:
    """Design values of a ring-band design, derived values included."""
    assert (
        derived_expression("ring-band", "outer_diameter")
        == "inner_diameter + 2 * depth"
    )
    assert derived_expression("ring-band", "letter_height") == (
        'if profile == "d_shape" then min(width - 1.7, 2.0) else min(width - 1.6, 2.0)'
    )
    inner = ring_inner_diameter(size)
    side = 1.7 if profile == "d_shape" else 1.6
    return {
        "size": size,
        "width": width,
        "depth": depth,
        "profile": profile,
        "metal": metal,
        "engraving": engraving,
        "inner_diameter": inner,
        "inner_circumference": np.pi * inner,
        "outer_diameter": inner + 2 * depth,
        "letter_height": min(width - side, 2.0),
    }


@cache
def catalog_model(model_id: str):
    """Load one real catalog model, with its compiled rules engine."""
    from designer.catalog import load_model

    return load_model(CATALOG_DIR / f"{model_id}.toml")


def catalog_dims(model_id: str, **values: Any) -> dict[str, Any]:
    """Design values of a catalog model, defaults filled in and derived
    values computed by the model's own rules engine."""
    engine = catalog_model(model_id).engine
    design = engine.coerce(values)
    return {**design, **engine.derive(design)}


def shoe_dims(size: str, width_fitting: str = "standard", **values: Any):
    """Design values of an oxford design, derived values included."""
    system = size.split(" ", 1)[0]
    return catalog_dims(
        "shoe-oxford",
        size_system=system,
        size=size,
        width_fitting=width_fitting,
        **values,
    )


def table_dims(
    width: float,
    depth: float,
    height: float,
    top_thickness: float,
    top_material: str = "oak",
    leg_style: str = "square",
) -> dict[str, Any]:
    """Design values of a dining-table design, derived values included."""
    assert derived_expression("table-dining", "span") == "width - 200"
    return {
        "width": width,
        "depth": depth,
        "height": height,
        "top_material": top_material,
        "top_thickness": top_thickness,
        "leg_style": leg_style,
        "span": width - 200,
    }


def assert_solid(mesh: trimesh.Trimesh, label: str) -> None:
    assert mesh.is_watertight, f"{label} is not watertight"
    assert mesh.is_winding_consistent, f"{label} is not consistently wound"
    assert mesh.volume > 0, f"{label} has volume {mesh.volume}"


def assert_parts_solid(parts: list[Part]) -> None:
    for part in parts:
        assert_solid(part.mesh, part.name)


DEGENERATE_AREA_MM2 = 1e-12
"""Faces of at most this area count as having none: their corners lie on
one line or on one point."""


def assert_parts_clean(parts: list[Part]) -> None:
    """Check that no part has a face without area, and that no two faces
    of a part touch or cross unless they share a vertex."""
    for part in parts:
        flat = np.flatnonzero(part.mesh.area_faces <= DEGENERATE_AREA_MM2)
        assert len(flat) == 0, (
            f"{part.name}: {len(flat)} faces without area, such as "
            f"{part.mesh.vertices[part.mesh.faces[flat[0]]].tolist()}"
        )
        crossing = crossing_face_pairs(part.mesh)
        assert len(crossing) == 0, (
            f"{part.name}: {len(crossing)} pairs of faces touch or cross, such as "
            f"faces {crossing[0].tolist()}"
        )


def assert_extents(
    mesh: trimesh.Trimesh,
    expected: list[float | None],
    label: str,
    resting: bool = True,
    front: float = 0.0,
) -> None:
    """Check X, Y and Z extents (``None`` skips an axis) and the frame.

    The mesh must be centred on the Z axis and, when ``resting``, stand on
    Z = 0. ``front`` is how far in mm parts such as handles stand out
    toward -Y in front of the centred body; the Y extent includes it.
    """
    low, high = mesh.bounds
    for axis, size in zip("XYZ", expected, strict=True):
        index = "XYZ".index(axis)
        if size is not None:
            extent = high[index] - low[index]
            assert abs(extent - size) <= EXTENT_TOLERANCE_MM, (
                f"{label}: {axis} extent {extent} mm, expected {size} mm"
            )
    assert abs(low[0] + high[0]) <= EXTENT_TOLERANCE_MM, f"{label} not centred in X"
    assert abs(low[1] + high[1] + front) <= EXTENT_TOLERANCE_MM, (
        f"{label} not centred in Y"
    )
    if resting:
        assert abs(low[2]) <= EXTENT_TOLERANCE_MM, f"{label} does not rest on Z = 0"


def assert_same_geometry(first: list[Part], second: list[Part]) -> None:
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert np.array_equal(a.mesh.vertices, b.mesh.vertices), a.name
        assert np.array_equal(a.mesh.faces, b.mesh.faces), a.name


def min_axis_distance(mesh: trimesh.Trimesh) -> float:
    """Return the smallest distance from the Z axis to any point of the mesh.

    The distance from the axis to a triangle is the distance from the
    origin to the triangle's XY projection. For a ring the origin lies
    outside every projection, so the nearest point is on an edge.
    """
    corners = mesh.triangles[:, :, :2]
    nearest = np.full(len(corners), np.inf)
    for i in range(3):
        start, end = corners[:, i], corners[:, (i + 1) % 3]
        edge = end - start
        t = -(start * edge).sum(axis=1) / np.maximum((edge * edge).sum(axis=1), 1e-300)
        closest = start + np.clip(t, 0.0, 1.0)[:, None] * edge
        nearest = np.minimum(nearest, np.hypot(closest[:, 0], closest[:, 1]))
    return float(nearest.min())


def vertical_crossings(mesh: trimesh.Trimesh, x: float, y: float) -> int:
    """Count the triangles that the vertical line through (x, y) passes through."""
    a, b, c = (mesh.triangles[:, i, :2] for i in range(3))
    point = np.array([x, y])

    def side(p, q):
        return (q[:, 0] - p[:, 0]) * (point[1] - p[:, 1]) - (q[:, 1] - p[:, 1]) * (
            point[0] - p[:, 0]
        )

    s1, s2, s3 = side(a, b), side(b, c), side(c, a)
    inside = ((s1 > 0) & (s2 > 0) & (s3 > 0)) | ((s1 < 0) & (s2 < 0) & (s3 < 0))
    return int(inside.sum())


def parity_volume(mesh: trimesh.Trimesh, spacing: float) -> float:
    """Integrate a closed mesh's volume by ray parity, whatever its winding.

    Each vertical line on a ``spacing`` grid meets the surface at heights
    z1 < z2 < ...; the line is inside between z1 and z2, z3 and z4, and so
    on. Summing those lengths times the cell area gives the volume without
    reading the faces' orientation.
    """
    low, high = mesh.bounds
    xs = np.arange(low[0] + spacing / 2, high[0], spacing)
    ys = np.arange(low[1] + spacing / 2, high[1], spacing)
    triangles = mesh.triangles
    a, b, c = triangles[:, 0], triangles[:, 1], triangles[:, 2]
    total = 0.0
    for x in xs:
        for y in ys:
            point = np.array([x, y])
            v0, v1 = (b - a)[:, :2], (c - a)[:, :2]
            v2 = point - a[:, :2]
            denominator = v0[:, 0] * v1[:, 1] - v1[:, 0] * v0[:, 1]
            valid = np.abs(denominator) > 1e-15
            safe = np.where(valid, denominator, 1.0)
            u = (v2[:, 0] * v1[:, 1] - v1[:, 0] * v2[:, 1]) / safe
            v = (v0[:, 0] * v2[:, 1] - v2[:, 0] * v0[:, 1]) / safe
            hit = valid & (u >= 0) & (v >= 0) & (u + v <= 1)
            if not hit.any():
                continue
            z = np.sort(a[hit, 2] + u[hit] * (b - a)[hit, 2] + v[hit] * (c - a)[hit, 2])
            total += float((z[1::2] - z[0::2][: len(z[1::2])]).sum())
    return total * spacing * spacing


OVERLAP_TOLERANCE_MM3 = 1e-3
"""Largest shared volume, in mm³, of two parts that must only touch."""


def shared_volume(first: trimesh.Trimesh, second: trimesh.Trimesh) -> float:
    """Return the volume two closed meshes share, in mm³.

    Meshes whose bounding boxes share no volume are skipped without a
    boolean, since touching faces enclose nothing.
    """
    low = np.maximum(first.bounds[0], second.bounds[0])
    high = np.minimum(first.bounds[1], second.bounds[1])
    if np.any(high - low <= 0.0):
        return 0.0
    from models3d.solids import to_manifold

    return float((to_manifold(first) ^ to_manifold(second)).volume())


def assert_shell_matches_boolean(upper: trimesh.Trimesh, shape) -> None:
    """Check an upper's shell against the outer loft less the inner loft
    and the opening's tools, cut with booleans.

    ``shape`` is the ``models3d.footwear.UpperShape`` the upper was built
    on. The shell's floor is triangulated between stations, its inner
    surface resampled above the floor and its arches sampled around the
    opening, so the two differ by a thin film (see
    ``assert_matches_resampled``).
    """
    from models3d.solids import subtract

    reference = subtract(shape.outer.mesh(), [shape.inner.mesh(), *shape.tools])
    assert_matches_resampled(upper, reference)


RESAMPLED_BOUNDS_MM = 0.05
"""How far an upper's bounds may lie from a boolean reference's when the
upper's arches are sampled around its opening. A lacing slot's edges lie
on the arches, where the reference's straight lines between the evenly
spaced points pass up to about 0.05 mm lower near the crown."""

RESAMPLED_EXCESS = 1.5e-2
"""Largest volume, as a fraction of the reference's, that an upper sampled
around its opening may have outside the boolean reference, or the
reference outside it. The two samplings' straight lines between arch
points differ by a few hundredths of a millimetre, and on a wall 2.5 mm
thick such a film is about 1 % of the volume. On the largest boots both
differ from lofts of 288 points per arch by 0.8 to 1.1 %."""


def assert_matches_resampled(upper: trimesh.Trimesh, reference: trimesh.Trimesh):
    """Check an upper whose arches are sampled around its opening against a
    boolean reference on evenly sampled arches: closed, the same genus,
    bounds within ``RESAMPLED_BOUNDS_MM``, volume within 0.1 % and each
    side's excess within ``RESAMPLED_EXCESS``."""
    from models3d.solids import to_manifold

    assert upper.is_watertight
    assert upper.is_volume
    first, second = to_manifold(upper), to_manifold(reference)
    assert first.genus() == second.genus()
    np.testing.assert_allclose(upper.bounds, reference.bounds, atol=RESAMPLED_BOUNDS_MM)
    assert upper.volume == pytest.approx(reference.volume, rel=1e-3)
    assert (first - second).volume() < RESAMPLED_EXCESS * reference.volume
    assert (second - first).volume() < RESAMPLED_EXCESS * reference.volume


def assert_matches_boolean(upper: trimesh.Trimesh, reference: trimesh.Trimesh):
    """Check an upper built without some booleans against the same solid
    cut with them: closed, the same genus and bounds within 0.01 mm, and
    volume and each side's excess within 0.1 % of the reference's volume."""
    from models3d.solids import to_manifold

    assert upper.is_watertight
    assert upper.is_volume
    assert to_manifold(upper).genus() == to_manifold(reference).genus()
    np.testing.assert_allclose(upper.bounds, reference.bounds, atol=EXTENT_TOLERANCE_MM)
    assert upper.volume == pytest.approx(reference.volume, rel=1e-3)
    # The same region, not only the same volume. manifold3d measures the
    # differences, which may be empty.
    first, second = to_manifold(upper), to_manifold(reference)
    assert (first - second).volume() < 1e-3 * reference.volume
    assert (second - first).volume() < 1e-3 * reference.volume


def assert_parts_apart(parts: list[Part], joined: set[frozenset[str]]) -> None:
    """Check that parts share no volume unless their names pair in ``joined``."""
    for i, first in enumerate(parts):
        for second in parts[i + 1 :]:
            if frozenset((first.name, second.name)) in joined:
                continue
            volume = shared_volume(first.mesh, second.mesh)
            assert volume <= OVERLAP_TOLERANCE_MM3, (
                f"{first.name} and {second.name} overlap by {volume} mm³"
            )


def assert_topology(parts: list[Part], tubes: tuple[str, ...] = ()) -> None:
    """Check each part's Euler number: closed bodies without handles.

    Every body of a part is a sphere-like solid (Euler number 2), except
    the parts named in ``tubes``: one body open at two ends, like an upper
    open at the foot bed and at the collar (Euler number 0). A hole punched
    through a wall by mistake lowers the number and fails the check.
    """
    for part in parts:
        expected = 0 if part.name in tubes else 2 * part.mesh.body_count
        assert part.mesh.euler_number == expected, (
            f"{part.name}: Euler number {part.mesh.euler_number}, expected {expected}"
        )


def solid_bodies(mesh: trimesh.Trimesh) -> int:
    """Count the mesh's bodies of positive volume.

    A union that closes a space in, such as a cabinet's doors in front of
    its carcass, also has an inward-facing shell around that space; its
    volume is negative.
    """
    return sum(body.volume > 0 for body in mesh.split(only_watertight=False))


def crossing_face_pairs(mesh: trimesh.Trimesh, tolerance: float = 1e-9) -> np.ndarray:
    """Return the pairs of faces that share no vertex but touch or cross.

    Candidates are faces whose bounding spheres and boxes overlap. A pair
    crosses unless one of the separating axes of two triangles (both
    normals and the nine cross products of their edges) keeps their
    projections more than ``tolerance`` mm apart. Faces that share a vertex
    are skipped, so a closed mesh free of self-intersections returns none.

    Returns
    -------
    numpy.ndarray
        (k, 2) face indices.
    """
    faces = np.asarray(mesh.faces)
    triangles = np.asarray(mesh.vertices)[faces]
    centroid = triangles.mean(axis=1)
    radius = np.linalg.norm(triangles - centroid[:, None], axis=2).max(axis=1)
    pairs = cKDTree(centroid).query_pairs(2.0 * radius.max(), output_type="ndarray")
    first, second = pairs[:, 0], pairs[:, 1]
    distance = np.linalg.norm(centroid[first] - centroid[second], axis=1)
    near = distance <= radius[first] + radius[second]
    first, second = first[near], second[near]

    low, high = triangles.min(axis=1), triangles.max(axis=1)
    boxes_meet = np.all(
        (low[first] <= high[second] + tolerance)
        & (low[second] <= high[first] + tolerance),
        axis=1,
    )
    first, second = first[boxes_meet], second[boxes_meet]
    shared = (faces[first][:, :, None] == faces[second][:, None, :]).any(axis=(1, 2))
    first, second = first[~shared], second[~shared]

    a, b = triangles[first], triangles[second]
    edges_a = np.roll(a, -1, axis=1) - a
    edges_b = np.roll(b, -1, axis=1) - b
    axes = [
        np.cross(edges_a[:, 0], edges_a[:, 1]),
        np.cross(edges_b[:, 0], edges_b[:, 1]),
    ]
    axes += [np.cross(edges_a[:, i], edges_b[:, j]) for i in range(3) for j in range(3)]
    separated = np.zeros(len(first), dtype=bool)
    for axis in axes:
        length = np.linalg.norm(axis, axis=1)
        usable = length > 1e-12
        unit = axis / np.where(usable, length, 1.0)[:, None]
        along_a = np.einsum("nkd,nd->nk", a, unit)
        along_b = np.einsum("nkd,nd->nk", b, unit)
        gap = np.maximum(
            along_b.min(axis=1) - along_a.max(axis=1),
            along_a.min(axis=1) - along_b.max(axis=1),
        )
        separated |= usable & (gap > -tolerance)
    return np.column_stack([first[~separated], second[~separated]])


def opening_cut_not_expected(*arguments):
    """Fail the test. Tests patch it over ``models3d.footwear.cut`` where
    an upper's opening must be built into its lofts."""
    raise AssertionError("the upper's opening was cut, not built into its lofts")


def boolean_not_expected(mesh, tools):
    """Fail the test; patched over ``models3d.solids.subtract`` where a
    shoe's opening must be cut without the boolean."""
    raise AssertionError("an upper's opening was cut with a boolean")


FOLD_BACK_DEG = 150.0
"""Largest angle in degrees between the normals of neighbouring faces of a
shoe's part. The catalog's designed edges, where a collar's rim meets
the lining or a sole's side meets its top, fold by up to about 142
degrees. Past this the solid tapers to a knife edge, or a face lies back
over its neighbour."""


def assert_no_fold_backs(parts: list[Part]) -> None:
    """Check that no two neighbouring faces of any part fold by more than
    ``FOLD_BACK_DEG``."""
    for part in parts:
        folds = np.degrees(part.mesh.face_adjacency_angles)
        folded = np.flatnonzero(folds > FOLD_BACK_DEG)
        if len(folded):
            edge = part.mesh.vertices[part.mesh.face_adjacency_edges[folded[0]]]
            raise AssertionError(
                f"{part.name}: {len(folded)} pairs of faces fold by more than "
                f"{FOLD_BACK_DEG:g} degrees, up to {folds.max():.1f}, such as "
                f"along the edge at {edge.mean(axis=0).round(2).tolist()}"
            )


def fold_angles(mesh: trimesh.Trimesh, selected: np.ndarray) -> np.ndarray:
    """Return the angles in degrees between neighbouring faces that are both
    in ``selected``, a boolean mask over the mesh's faces."""
    pairs = selected[mesh.face_adjacency].all(axis=1)
    return np.degrees(mesh.face_adjacency_angles[pairs])


def surface_folds(
    upper: trimesh.Trimesh, shape, start: float, end: float, outer: bool = True
) -> np.ndarray:
    """Return the fold angles (degrees) between neighbouring faces of an
    upper's inner surface, and of its outer one when ``outer``, with X from
    ``start`` to ``end`` (mm).

    ``upper`` is the shell built on ``shape``, an ``UpperShape``, whose
    vertices start with the outer loft's. Faces on one loft's vertices
    alone lie on its surface, so the rim and the floor between the two
    are left out, except the ladder that joins the outer gap's edges
    where the collar line passes above the inner loft at the heel.
    """
    from models3d.footwear import ARCH_THETA

    outer_count = len(shape.outer.x) * len(ARCH_THETA) + 2
    on_inner = np.asarray(upper.faces) >= outer_count
    surface = on_inner.all(axis=1)
    if outer:
        surface |= ~on_inner.any(axis=1)
    x = upper.triangles[:, :, 0]
    within = (x.min(axis=1) >= start) & (x.max(axis=1) <= end)
    return fold_angles(upper, surface & within)


def collar_front_folds(upper: trimesh.Trimesh, shape, end: float) -> np.ndarray:
    """Return the fold angles (degrees) between neighbouring faces of a
    laced upper's outer surface, and of its inner one, from its slot's
    start to X = ``end`` (mm): where the collar's opening narrows into the
    lacing slot. ``upper`` and ``shape`` are as ``surface_folds`` takes
    them."""
    return surface_folds(upper, shape, shape.slot.start, end)


HEEL_REACH_MM = 30.0
"""Length of the lining's back over which the heel tests measure folds."""


def lining_heel_folds(upper: trimesh.Trimesh, shape) -> np.ndarray:
    """Return the fold angles (degrees) of an upper's inner surface within
    ``HEEL_REACH_MM`` of its back end, end cap included. ``upper`` and
    ``shape`` are as ``surface_folds`` takes them."""
    end = shape.inner.x[0] + HEEL_REACH_MM
    return surface_folds(upper, shape, -np.inf, end, outer=False)


def slot_end_drift(upper: trimesh.Trimesh, shape) -> np.ndarray:
    """Return how far (mm, along Y) the middle of a laced upper's slot lies
    from the outer loft's crown at the throat, on each of the outer and
    inner lofts' stations past the throat: along the slot's round end.

    The gap's edges on a loft's station are its arch's two middle points,
    and the inner loft's vertices follow the outer loft's and its two end
    caps' centres.
    """
    from models3d.footwear import ARCH_THETA

    size = len(ARCH_THETA)
    middle = shape.outer.crown(np.array([shape.slot.throat]))[0]
    drift = []
    first = 0
    for dome in (shape.outer, shape.inner):
        rows = np.flatnonzero((dome.x > shape.slot.throat) & (dome.x <= shape.slot.end))
        edges = first + rows[:, None] * size + np.array([size // 2 - 1, size // 2])
        drift.append(upper.vertices[edges, 1].mean(axis=1) - middle)
        first += len(dome.x) * size + 2
    return np.concatenate(drift)


def heel_back(shape) -> tuple[float, np.ndarray]:
    """Return the width (mm) of an upper's flat back end, the outer loft's
    end cap, and the fold angles (degrees) between the cap and the outer
    loft's faces beside it.

    ``shape`` is an ``UpperShape``. The folds along the top of the cap's
    arch, next to its two middle points, are left out: there the heel
    turns into its top or into the opening's rim.
    """
    from models3d.footwear import ARCH_THETA

    size = len(ARCH_THETA)
    upper = shape.shell.mesh()
    faces = np.asarray(upper.faces)
    # The outer loft's first end cap is fanned from the vertex after all
    # of its arches' points.
    centre = len(shape.outer.x) * size
    cap = (faces == centre).any(axis=1)
    on_outer = (faces <= centre + 1).all(axis=1)
    corners = np.unique(faces[cap])
    width = np.ptp(upper.vertices[corners[corners != centre], 1])
    pairs = upper.face_adjacency
    edges = upper.face_adjacency_edges
    beside = (cap[pairs].sum(axis=1) == 1) & on_outer[pairs].all(axis=1)
    top = np.isin(edges, [size // 2 - 1, size // 2]).any(axis=1)
    return float(width), np.degrees(upper.face_adjacency_angles[beside & ~top])


TOE_REACH_MM = 6.0
"""Length of the toe's tip over which the toe tests measure folds."""


def toe_folds(dome) -> np.ndarray:
    """Return the fold angles (degrees) of an upper loft's outer surface
    between faces within ``TOE_REACH_MM`` of its toe's tip, end cap
    included."""
    surface = trimesh.Trimesh(*dome.open_surface(), process=False)
    near = surface.triangles[:, :, 0].min(axis=1) >= dome.x[-1] - TOE_REACH_MM
    return fold_angles(surface, near)


TOE_CORNER_MM = 30.0
"""Length of the toe behind its tip over which the toe corner tests
measure folds: where a square toe's plan turns through its corners."""


def toe_corner_folds(dome, floor: np.ndarray | None = None) -> np.ndarray:
    """Return the fold angles (degrees) of an upper loft's surface, cut at
    ``floor`` as ``Dome.open_surface`` cuts it, between faces within
    ``TOE_CORNER_MM`` of its toe's tip that end at its last station but
    one.

    The end cap and the faces beside it are left out, which
    ``toe_folds`` measures on the outer loft.
    """
    # NOTE: the inner loft's end cap meets the faces beside it at up to
    # about 50 degrees on almond toes, deep inside the toe.
    surface = trimesh.Trimesh(*dome.open_surface(floor), process=False)
    x = surface.triangles[:, :, 0]
    near = (x.min(axis=1) >= dome.x[-1] - TOE_CORNER_MM) & (x.max(axis=1) <= dome.x[-2])
    return fold_angles(surface, near)


def shoe_grid(model_id: str) -> list[dict[str, Any]]:
    """Design values of a shoe at the first and last sizes of the size
    tables, in the narrowest and widest fittings, with every toe shape the
    shoe offers."""
    labels = [label for _, label in shoe_size_choices()]
    designs = []
    for size in (labels[0], labels[-1]):
        for fitting in ("narrow", "extra_wide"):
            for toe in choice_values(model_id, "toe_shape"):
                designs.append(
                    {
                        "size_system": size.split(" ", 1)[0],
                        "size": size,
                        "width_fitting": fitting,
                        "toe_shape": toe,
                    }
                )
    return designs
