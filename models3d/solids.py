"""Boolean operations, mesh checks and material quantities for parts.

Booleans run in manifold3d with double-precision vertices (``Mesh64``), so
vertices that an operation leaves untouched keep their exact coordinates and
the product's extents survive a union.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import manifold3d
import numpy as np
import trimesh

from models3d.caching import bounded_cache
from models3d.materials import material
from models3d.parts import Part

logger = logging.getLogger(__name__)


class GeometryError(ValueError):
    """A mesh that is not a closed, consistently wound solid."""


def to_manifold(mesh: trimesh.Trimesh, name: str = "mesh") -> manifold3d.Manifold:
    """Convert a trimesh mesh to a manifold3d solid without losing precision.

    Raises
    ------
    GeometryError
        When manifold3d rejects the mesh, naming the mesh and the reason.
    """
    return manifold_of(mesh.vertices, mesh.faces, name)


def manifold_of(
    vertices: np.ndarray, faces: np.ndarray, name: str = "mesh"
) -> manifold3d.Manifold:
    """Convert (n, 3) vertices in mm and (m, 3) faces to a manifold3d solid
    without losing precision, as ``to_manifold`` does for a mesh.

    Raises
    ------
    GeometryError
        When manifold3d rejects the arrays, naming the mesh and the reason.
    """
    # np.array copies: manifold3d rejects the read-only arrays trimesh keeps.
    solid = manifold3d.Manifold(
        manifold3d.Mesh64(
            vert_properties=np.array(vertices, dtype=np.float64, order="C"),
            tri_verts=np.array(faces, dtype=np.uint64, order="C"),
        )
    )
    status = solid.status()
    if status != manifold3d.Error.NoError:
        raise GeometryError(
            f"{name} is not a closed oriented 2-manifold (manifold3d reports "
            f"{status.name}); check that it is watertight and consistently wound"
        )
    return solid


def from_manifold(solid: manifold3d.Manifold) -> trimesh.Trimesh:
    """Convert a manifold3d solid back to a trimesh mesh (float64 vertices)."""
    mesh = solid.to_mesh64()
    vertices = np.asarray(mesh.vert_properties, dtype=np.float64)[:, :3]
    faces = np.asarray(mesh.tri_verts, dtype=np.int64)
    return trimesh.Trimesh(vertices, faces, process=False)


def union_meshes(meshes: Sequence[trimesh.Trimesh]) -> trimesh.Trimesh:
    """Return the boolean union of closed meshes as one mesh."""
    solids = [to_manifold(mesh, f"mesh {index}") for index, mesh in enumerate(meshes)]
    if not solids:
        raise ValueError("a union needs at least one mesh, got none")
    return from_manifold(
        manifold3d.Manifold.batch_boolean(solids, manifold3d.OpType.Add)
    )


def subtract(
    mesh: trimesh.Trimesh, tools: Sequence[trimesh.Trimesh]
) -> trimesh.Trimesh:
    """Return ``mesh`` with the volume of every mesh in ``tools`` removed."""
    solids = [to_manifold(mesh, "base mesh")]
    solids += [
        to_manifold(tool, f"tool mesh {index}") for index, tool in enumerate(tools)
    ]
    return from_manifold(
        manifold3d.Manifold.batch_boolean(solids, manifold3d.OpType.Subtract)
    )


def intersect(mesh: trimesh.Trimesh, other: trimesh.Trimesh) -> trimesh.Trimesh:
    """Return the volume shared by two closed meshes."""
    return from_manifold(
        to_manifold(mesh, "first mesh") ^ to_manifold(other, "second mesh")
    )


def union_parts(parts: Sequence[Part]) -> trimesh.Trimesh:
    """Fuse a product's parts into one watertight solid.

    Parameters
    ----------
    parts
        Parts as a generator returns them; overlapping parts merge.

    Returns
    -------
    trimesh.Trimesh
        One closed mesh in mm, in the product's frame.

    Raises
    ------
    GeometryError
        When a part is not a closed oriented manifold; the message names it.
    """
    if not parts:
        raise ValueError("a union needs at least one part, got none")
    solids = [to_manifold(part.mesh, f"part {part.name!r}") for part in parts]
    fused = manifold3d.Manifold.batch_boolean(solids, manifold3d.OpType.Add)
    logger.debug("fused %s parts into %s triangles", len(parts), fused.num_tri())
    return without_slivers(fused)


# Pieces of a boolean's result enclosing less than this, in mm³, are slivers
# left where two solids' faces coincide, not solids. A cube of the 0.3 mm
# smallest cut a caster makes is 0.027 mm³, so no real feature is this small.
SLIVER_VOLUME_MM3 = 1e-4


def without_slivers(fused: manifold3d.Manifold) -> trimesh.Trimesh:
    """Return a boolean's result without zero-volume pieces, keeping every
    real body.

    Faces of two solids that coincide, as where a boot's gusset meets its
    collar or an engraving's letters reach a band's edge, can leave such
    pieces.
    """
    pieces = fused.decompose()
    if len(pieces) < 2:
        return from_manifold(fused)
    kept = [piece for piece in pieces if abs(piece.volume()) > SLIVER_VOLUME_MM3]
    if len(kept) == len(pieces) or not kept:
        return from_manifold(fused)
    logger.debug("dropped %s zero-volume slivers", len(pieces) - len(kept))
    return from_manifold(manifold3d.Manifold.batch_boolean(kept, manifold3d.OpType.Add))


def mesh_problems(mesh: trimesh.Trimesh) -> list[str]:
    """List what keeps ``mesh`` from being a valid solid part.

    Returns
    -------
    list of str
        Empty for a watertight, consistently wound mesh of positive volume;
        otherwise one sentence per failed check.
    """
    problems = []
    if not mesh.is_watertight:
        problems.append("the mesh has open or non-manifold edges")
    if not mesh.is_winding_consistent:
        problems.append("neighbouring faces are wound in opposite directions")
    if mesh.is_watertight and not mesh.volume > 0:
        problems.append(f"the volume is {mesh.volume} mm³, not positive")
    return problems


def check_parts(parts: Sequence[Part]) -> None:
    """Raise ``GeometryError`` naming every part that is not a valid solid."""
    failures = [
        f"{part.name}: {'; '.join(problems)}"
        for part in parts
        if (problems := mesh_problems(part.mesh))
    ]
    if failures:
        raise GeometryError("invalid part geometry: " + " | ".join(failures))


@dataclass(frozen=True)
class PartQuantity:
    """Volume, mass and surface of one part.

    Attributes
    ----------
    name
        The part's name, for example ``"band"``.
    material
        Material id from ``resources/materials.csv``.
    volume_mm3
        Enclosed volume in mm³. For a part joined to another
        (``Part.joined_to``), the volume it adds to that part.
    mass_g
        ``volume_mm3 * density_g_cm3 / 1000``, in grams.
    surface_area_mm2
        Total surface area in mm², for finishing and plating estimates. For
        a part joined to another, the area it adds to that part.
    """

    name: str
    material: str
    volume_mm3: float
    mass_g: float
    surface_area_mm2: float


@dataclass(frozen=True)
class Quantities(Sequence[PartQuantity]):
    """Per-part quantities of a product, in the order of its parts.

    Behaves as a read-only sequence of ``PartQuantity`` and adds totals.

    NOTE: some parts overlap so that their union is clean, such as a leg
    hidden 1 mm inside a table top or an upper set 1 mm into its sole.
    Unless the overlapping part names the other in ``Part.joined_to``, as a
    pendant's bail does, the shared volume counts in both parts, so totals
    exceed the union's volume.
    """

    parts: tuple[PartQuantity, ...]

    def __len__(self) -> int:
        return len(self.parts)

    def __getitem__(self, index):  # type: ignore[override]
        return self.parts[index]

    def __iter__(self) -> Iterator[PartQuantity]:
        return iter(self.parts)

    @property
    def total_mass_g(self) -> float:
        """Sum of the parts' masses, in grams."""
        return sum(quantity.mass_g for quantity in self.parts)

    @property
    def total_volume_mm3(self) -> float:
        """Sum of the parts' volumes, in mm³."""
        return sum(quantity.volume_mm3 for quantity in self.parts)

    def mass_by_material(self) -> dict[str, float]:
        """Return the total mass in grams of each material, in part order."""
        masses: dict[str, float] = {}
        for quantity in self.parts:
            masses[quantity.material] = (
                masses.get(quantity.material, 0.0) + quantity.mass_g
            )
        return masses


def measure(parts: Sequence[Part]) -> Quantities:
    """Measure each part's volume, mass and surface area.

    A part joined to another (``Part.joined_to``) gets the volume and area
    that it adds to that part (see ``joined_addition``), so their overlap
    counts once, in the other part. The volumes then add up to the parts'
    union as long as a joined part overlaps no part but the one it is
    joined to.

    Parameters
    ----------
    parts
        Watertight parts whose materials are in ``resources/materials.csv``.

    Returns
    -------
    Quantities
        One ``PartQuantity`` per part, in order, with ``total_mass_g``.

    Raises
    ------
    GeometryError
        When a part is not a closed solid, so its volume is meaningless.
    KeyError
        When a part's material is unknown.
    ValueError
        When a part is joined to a part that is not among ``parts`` or that
        is itself joined to another.
    """
    check_parts(parts)
    bases = _join_bases(parts)
    quantities = []
    for part in parts:
        volume, area = float(part.mesh.volume), float(part.mesh.area)
        base = bases.get(part.name)
        if base is not None:
            volume, area = joined_addition(
                part.mesh, base.mesh, f"part {part.name!r}", f"part {base.name!r}"
            )
        density = material(part.material).density_g_cm3
        quantities.append(
            PartQuantity(
                name=part.name,
                material=part.material,
                volume_mm3=volume,
                mass_g=volume * density / 1000.0,
                surface_area_mm2=area,
            )
        )
    return Quantities(tuple(quantities))


def _join_bases(parts: Sequence[Part]) -> Mapping[str, Part]:
    """Return the part that each joined part is joined to, by the joined
    part's name."""
    by_name = {part.name: part for part in parts}
    bases = {}
    for part in parts:
        if part.joined_to is None:
            continue
        base = by_name.get(part.joined_to)
        if base is None:
            raise ValueError(
                f"part {part.name!r} is joined to {part.joined_to!r}, which is "
                f"not found among the parts; name one of {', '.join(by_name)}"
            )
        if base.joined_to is not None:
            raise ValueError(
                f"part {part.name!r} is joined to {base.name!r}, which is itself "
                f"joined to {base.joined_to!r}; join both to the same part"
            )
        bases[part.name] = base
    return bases


def joined_addition(
    mesh: trimesh.Trimesh,
    base: trimesh.Trimesh,
    name: str = "joined mesh",
    base_name: str = "base mesh",
) -> tuple[float, float]:
    """Return the volume in mm³ and the surface area in mm² that ``mesh``
    adds to ``base`` where the two overlap.

    Both are the union's less those of ``base``. The volume is that of
    ``mesh`` less the volume the two meshes share. The area is that of
    ``mesh`` less the area of the shared solid, because that solid's
    surface is the part of each surface that lies inside the other mesh.
    The shared solid comes from a manifold3d intersection, which took 5 to
    9 ms for a pendant's bail and body, disc or heart, engraved or not
    (median of 15 runs, 2-core AMD EPYC).

    The last eight results are cached on the meshes' contents, and the
    cache keeps those meshes alive. So measuring the same parts again, as
    the price does after its worker measured them, costs no boolean.

    Raises
    ------
    GeometryError
        When manifold3d rejects a mesh; the message gives ``name`` or
        ``base_name``.
    """
    return _joined_addition(
        _MeshByContent(hash(mesh), mesh, name),
        _MeshByContent(hash(base), base, base_name),
    )


@dataclass(frozen=True)
class _MeshByContent:
    """A mesh as a cache key, equal to another with the same ``digest``.

    ``digest`` is ``hash(mesh)``, which trimesh (5.2) computes from the
    contents of the mesh's arrays and recomputes when they change.
    """

    digest: int
    mesh: trimesh.Trimesh = field(compare=False)
    name: str = field(compare=False)


@bounded_cache(maxsize=8)
def _joined_addition(
    joined: _MeshByContent, base: _MeshByContent
) -> tuple[float, float]:
    shared = to_manifold(joined.mesh, joined.name) ^ to_manifold(base.mesh, base.name)
    shared_volume = shared.volume()
    logger.debug("%s overlaps %s by %.3f mm³", joined.name, base.name, shared_volume)
    volume = float(joined.mesh.volume) - shared_volume
    area = float(joined.mesh.area) - shared.surface_area()
    return volume, area
