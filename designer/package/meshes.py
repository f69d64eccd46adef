"""Mesh files of a package: binary STL, 3MF and GLB.

STL has no unit, so the package's STL files are in millimetres by contract
and their 80-byte header names the unit, the order and the revision. 3MF
files declare ``unit="millimeter"``. GLB follows glTF 2.0, whose unit is
the metre and whose up axis is +Y: the model is scaled by 0.001 and turned
from Atelier's Z-up frame, so web viewers show it upright at its real size.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import trimesh

from models3d.materials import material
from models3d.parts import Part

logger = logging.getLogger(__name__)

STL_HEADER_BYTES = 80

Z_UP_TO_Y_UP = np.array(
    [
        [1.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 1.0, 0.0],
        [0.0, -1.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 1.0],
    ]
)
"""Rotation that takes Atelier's +Z (up) to glTF's +Y and +Y to -Z."""

GLTF_METRES_PER_MM = 0.001

THREEMF_MODEL = "3D/3dmodel.model"
"""The part of a 3MF package that contains the objects and the build."""

_THREEMF_UUID = re.compile(rb'(p:UUID=")[0-9a-fA-F-]{36}(")')


def check_solid(solid: trimesh.Trimesh, name: str) -> trimesh.Trimesh:
    """Return ``solid`` in mm after checking it is a watertight mesh.

    Raises
    ------
    ValueError
        When the mesh has no triangles or is not watertight.
    """
    if not isinstance(solid, trimesh.Trimesh) or len(solid.faces) == 0:
        raise ValueError(
            f"{name}: {solid!r} has no triangles; pass a trimesh.Trimesh in millimetres"
        )
    if not solid.is_watertight:
        raise ValueError(
            f"{name}: the solid with {len(solid.faces)} faces is not watertight, "
            "so the factory cannot slice it; repair the mesh or union the parts "
            "first"
        )
    if solid.units not in (None, "mm", "millimeters"):
        solid = solid.copy()
        solid.convert_units("mm")
    return solid


def stl_bytes(solid: trimesh.Trimesh, header: str) -> bytes:
    """Encode a watertight solid as binary STL in mm with the given header.

    The header is ASCII, cut or padded to 80 bytes. It must not start with
    ``solid``, because readers would take the file for ASCII STL.
    """
    solid = check_solid(solid, "STL")
    data = bytearray(solid.export(file_type="stl"))
    text = header.encode("ascii", "replace")[:STL_HEADER_BYTES]
    if text.lower().startswith(b"solid"):
        raise ValueError(f"STL header {header!r} must not start with 'solid'")
    data[:STL_HEADER_BYTES] = text.ljust(STL_HEADER_BYTES, b" ")
    return bytes(data)


def threemf_bytes(solid: trimesh.Trimesh, name: str) -> bytes:
    """Encode a watertight solid as a 3MF package in millimetres.

    ``name`` becomes the object's name and part number in the file.
    """
    solid = check_solid(solid, "3MF")
    scene = trimesh.Scene()
    scene.add_geometry(solid, geom_name=name, node_name=name)
    return _fixed_uuids(scene.export(file_type="3mf"))


def _fixed_uuids(package: bytes) -> bytes:
    """Replace the random UUIDs of a 3MF package by ones derived from its model.

    The 3MF writer gives each object, component and build a new random UUID,
    so two exports of the same design differed. Each UUID becomes a name-based
    UUID of the model's text without its UUIDs and the UUID's place in it:
    still unique within the file, and the same for the same solid and name.
    """
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, data in entries:
            if info.filename == THREEMF_MODEL:
                data = _derived_uuids(data)
            archive.writestr(info, data)
    return out.getvalue()


def _derived_uuids(model: bytes) -> bytes:
    digest = hashlib.sha256(_THREEMF_UUID.sub(rb"\1\2", model)).hexdigest()
    places = iter(range(len(_THREEMF_UUID.findall(model))))

    def derived(match: re.Match) -> bytes:
        value = uuid.uuid5(uuid.NAMESPACE_OID, f"{digest}/{next(places)}")
        return match.group(1) + str(value).encode("ascii") + match.group(2)

    return _THREEMF_UUID.sub(derived, model)


def glb_bytes(parts: Sequence[Part], metadata: Mapping[str, Any]) -> bytes:
    """Encode parts as a GLB scene, one node per part with its colour.

    Parameters
    ----------
    parts
        Parts in mm in Atelier's frame.
    metadata
        JSON-serialisable values stored in the scene's ``extras``, such as
        the order id and spec revision.

    Returns
    -------
    bytes
        glTF 2.0 binary in metres, +Y up. Each node is named after its part
        and carries a PBR material whose base colour is the part's colour
        (or its material's).
    """
    scene = trimesh.Scene()
    scene.metadata.update(dict(metadata))
    to_gltf = Z_UP_TO_Y_UP.copy()
    to_gltf[:3, :3] *= GLTF_METRES_PER_MM
    for part in parts:
        mesh = part.mesh.copy()
        colour = part.colour or material(part.material).colour
        mesh.visual = trimesh.visual.TextureVisuals(
            material=trimesh.visual.material.PBRMaterial(
                name=part.material,
                baseColorFactor=_rgba(colour),
                metallicFactor=1.0
                if material(part.material).family == "metal"
                else 0.0,
                roughnessFactor=0.35,
            )
        )
        scene.add_geometry(
            mesh, geom_name=part.name, node_name=part.name, transform=to_gltf
        )
    data = scene.export(file_type="glb")
    logger.debug("GLB of %s parts: %s bytes", len(parts), len(data))
    return data


def _rgba(colour: str) -> list[int]:
    return [int(colour[index : index + 2], 16) for index in (1, 3, 5)] + [255]
