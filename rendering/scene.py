"""The VTK scene of one product: an actor per part, its lighting and camera.

``ProductScene`` works on any pyvista plotter, so the Qt preview and the
offscreen renderer share the same materials, lights and preset views.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pyvista as pv
import trimesh

from models3d.materials import material
from models3d.parts import Part

logger = logging.getLogger(__name__)

BACKGROUND_TOP = "#f7f6f3"
BACKGROUND_BOTTOM = "#d4d2cd"

# The light kit is dimmed because the studio environment also lights the
# parts. At full strength both together wash out wood and leather colours.
LIGHT_KIT_INTENSITY = 0.5

# Image-based lighting is prefiltered on the GPU for every new render window.
# VTK 9.7's defaults are 512 prefilter samples, a 256 px irradiance map and a
# 512 px lookup table with 1024 samples. With Mesa's llvmpipe on 2 cores, they
# took about 0.9 s for a 400x300 px image, and these sizes about 0.2 s. On
# this smooth environment the images look the same.
PREFILTER_MAX_SAMPLES = 32
IRRADIANCE_SIZE = 16
LUT_SIZE = 64
LUT_SAMPLES = 32

# Unit vectors from the focal point towards the camera, and the view-up vector,
# in the product frame (Z up, front of the product facing -Y).
# NOTE: models3d fixes Z up but not yet which side is the front.
VIEWS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "front": ((0.0, -1.0, 0.0), (0.0, 0.0, 1.0)),
    "top": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
    "side": ((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "iso": ((1.0, -1.0, 0.8), (0.0, 0.0, 1.0)),
}

# Creases sharper than this angle between face normals stay sharp, so the
# edges of a table top look crisp while the curve of a ring shades smoothly.
FEATURE_ANGLE_DEG = 40.0


@dataclass(frozen=True)
class Finish:
    """Physically based surface settings for one material family.

    ``metallic`` and ``roughness`` are the usual PBR parameters in [0, 1].
    """

    metallic: float
    roughness: float


# Families come from the ``family`` column of ``resources/materials.csv``.
FINISHES: dict[str, Finish] = {
    "metal": Finish(metallic=0.9, roughness=0.28),
    "wood": Finish(metallic=0.0, roughness=0.75),
    "board": Finish(metallic=0.0, roughness=0.55),
    "leather": Finish(metallic=0.0, roughness=0.6),
    "textile": Finish(metallic=0.0, roughness=0.95),
    "sole": Finish(metallic=0.0, roughness=0.85),
}
DEFAULT_FINISH = Finish(metallic=0.0, roughness=0.7)


def to_polydata(mesh: trimesh.Trimesh) -> pv.PolyData:
    """Convert a triangle mesh to a pyvista surface without copying twice.

    Parameters
    ----------
    mesh
        Triangle mesh; vertex coordinates are kept as they are (millimetres
        for product parts).

    Returns
    -------
    pyvista.PolyData
        Surface with the same ``(n, 3)`` points and one triangle cell per
        face, in the same order.
    """
    faces = np.asarray(mesh.faces, dtype=np.int64)
    cells = np.empty((len(faces), 4), dtype=np.int64)
    cells[:, 0] = 3
    cells[:, 1:] = faces
    points = np.asarray(mesh.vertices, dtype=np.float64)
    return pv.PolyData(points, cells.ravel())


def _shaded_surface(mesh: trimesh.Trimesh) -> pv.PolyData:
    """Return the mesh as a surface with point normals split at sharp creases."""
    surface = to_polydata(mesh)
    if surface.n_cells == 0:
        return surface
    # Part meshes are watertight with outward-facing triangles, so the costly
    # consistency and orientation passes of vtkPolyDataNormals are skipped.
    return surface.compute_normals(
        cell_normals=False,
        point_normals=True,
        split_vertices=True,
        feature_angle=FEATURE_ANGLE_DEG,
        consistent_normals=False,
        auto_orient_normals=False,
    )


def part_colour(part: Part) -> str:
    """Return the ``#rrggbb`` preview colour of a part.

    The part's own colour wins over its material's colour.
    """
    return part.colour if part.colour else material(part.material).colour


def part_finish(part: Part) -> Finish:
    """Return the surface finish of a part's material family."""
    return FINISHES.get(material(part.material).family, DEFAULT_FINISH)


class ProductScene:
    """Actors, lights and camera presets for the parts of one product.

    The scene never renders by itself: the caller renders the plotter when it
    is ready, so a Qt widget can coalesce several updates into one frame.

    Parameters
    ----------
    plotter
        Any pyvista plotter, on screen, offscreen or a ``QtInteractor``. The
        scene takes over its background and lights.
    """

    def __init__(self, plotter: pv.BasePlotter) -> None:
        self._plotter = plotter
        self._surfaces: dict[str, pv.PolyData] = {}
        self._actors: dict[str, pv.Actor] = {}
        self._view = "iso"
        self._camera_placed = False
        _set_up_lighting(plotter)

    @property
    def actors(self) -> dict[str, pv.Actor]:
        """Actors keyed by part name, in the order the parts were given."""
        return dict(self._actors)

    @property
    def view(self) -> str:
        """Name of the preset view the camera was last placed at."""
        return self._view

    def show_parts(self, parts: Sequence[Part], reset_camera: bool = False) -> None:
        """Show these parts, updating the actors of known part names in place.

        An actor whose part name is shown again keeps its identity: its
        surface receives the new points and faces, and its colour and finish
        follow the part's material. Actors of names no longer present are
        removed and new names get new actors.

        Parameters
        ----------
        parts
            Parts of one product. Names must be unique.
        reset_camera
            Fit the camera to the parts at the current preset view. The camera
            is also fitted the first time parts are shown; otherwise it stays
            where the user left it.

        Raises
        ------
        ValueError
            If two parts share a name.
        KeyError
            If a part names an unknown material.
        """
        names = [part.name for part in parts]
        _check_unique(names)

        for name in [name for name in self._actors if name not in names]:
            self._remove_part(name)
        for part in parts:
            if part.name in self._actors:
                self._update_part(part)
            else:
                self._add_part(part)
        self._actors = {name: self._actors[name] for name in names}

        if reset_camera or not self._camera_placed:
            self.set_view(self._view)
        else:
            self._plotter.renderer.reset_camera_clipping_range()

    def set_view(self, name: str) -> None:
        """Place the camera at a preset view and fit it to the shown parts.

        Parameters
        ----------
        name
            One of ``"front"``, ``"top"``, ``"side"`` or ``"iso"``.

        Raises
        ------
        ValueError
            If the name is not a preset view.
        """
        if name not in VIEWS:
            known = ", ".join(VIEWS)
            raise ValueError(f"unknown view {name!r}; use one of: {known}")
        direction, view_up = VIEWS[name]
        centre = _bounds_centre(self._visible_bounds())

        camera = self._plotter.camera
        camera.focal_point = centre
        camera.position = tuple(np.add(centre, direction))
        camera.up = view_up
        # reset_camera keeps the view direction and moves the camera back
        # until the bounds of every visible actor fit.
        self._plotter.renderer.reset_camera(render=False)
        self._view = name
        self._camera_placed = bool(self._actors)

    def clear(self) -> None:
        """Remove every part, so that the next parts shown refit the camera."""
        for name in list(self._actors):
            self._remove_part(name)
        self._camera_placed = False

    def _add_part(self, part: Part) -> None:
        surface = _shaded_surface(part.mesh)
        mapper = pv.DataSetMapper(surface)
        mapper.scalar_visibility = False
        actor = pv.Actor(mapper=mapper, name=part.name)
        _apply_finish(actor, part)
        self._plotter.add_actor(actor, name=part.name, reset_camera=False, render=False)
        self._surfaces[part.name] = surface
        self._actors[part.name] = actor
        logger.debug("added actor for part %s (%s)", part.name, part.material)

    def _update_part(self, part: Part) -> None:
        # copy_from replaces points, cells and normals of the surface that the
        # mapper already reads, and marks it modified for the next render.
        self._surfaces[part.name].copy_from(_shaded_surface(part.mesh), deep=False)
        _apply_finish(self._actors[part.name], part)

    def _remove_part(self, name: str) -> None:
        self._plotter.remove_actor(self._actors.pop(name), render=False)
        del self._surfaces[name]
        logger.debug("removed actor for part %s", name)

    def _visible_bounds(self) -> tuple[float, ...]:
        bounds = [surface.bounds for surface in self._surfaces.values()]
        bounds = [b for b in bounds if b[0] <= b[1]]
        if not bounds:
            return (-1.0, 1.0, -1.0, 1.0, -1.0, 1.0)
        stacked = np.array(bounds, dtype=float)
        return (
            stacked[:, 0].min(),
            stacked[:, 1].max(),
            stacked[:, 2].min(),
            stacked[:, 3].max(),
            stacked[:, 4].min(),
            stacked[:, 5].max(),
        )


def studio_environment(height: int = 64, width: int = 128) -> np.ndarray:
    """Draw a photo-studio environment for image-based lighting.

    Metals show mostly their surroundings, so without an environment they
    render nearly black. The image is an equirectangular projection with Z
    up: a bright ceiling, a darker floor and two soft boxes that give metal
    parts their highlights.

    Returns
    -------
    numpy.ndarray
        ``uint8`` sRGB array of shape ``(height, width, 3)``; row 0 looks
        straight up.
    """
    elevation = (0.5 - (np.arange(height) + 0.5) / height) * np.pi
    azimuth = (np.arange(width) + 0.5) / width * 2.0 * np.pi
    sine = np.sin(elevation)[:, None]
    luminance = np.where(sine > 0, 0.55 + 0.45 * sine, 0.25 + 0.2 * (1.0 + sine))
    luminance = np.repeat(luminance, width, axis=1)

    # Soft boxes as (azimuth, elevation, angular radius) in radians.
    for box_azimuth, box_elevation, radius in ((0.8, 0.6, 0.25), (3.6, 0.4, 0.3)):
        d_azimuth = np.angle(np.exp(1j * (azimuth[None, :] - box_azimuth)))
        d_elevation = elevation[:, None] - box_elevation
        distance_sq = d_azimuth**2 + d_elevation**2
        luminance = luminance + 1.2 * np.exp(-distance_sq / (2.0 * radius**2))
    luminance = np.clip(luminance, 0.0, 1.0)

    # A slightly warm white, as under studio lamps.
    rgb = np.stack([luminance, luminance * 0.98, luminance * 0.95], axis=-1)
    return np.round(rgb * 255.0).astype(np.uint8)


def _set_up_lighting(plotter: pv.BasePlotter) -> None:
    plotter.set_background(BACKGROUND_BOTTOM, top=BACKGROUND_TOP)
    plotter.enable_lightkit()
    for light in plotter.renderer.lights:
        light.intensity *= LIGHT_KIT_INTENSITY

    texture = pv.Texture(studio_environment())
    texture.mipmap = True
    texture.interpolate = True
    plotter.set_environment_texture(texture, is_srgb=True, show_background=False)

    renderer = plotter.renderer
    renderer.SetEnvironmentUp(0.0, 0.0, 1.0)
    renderer.SetEnvironmentRight(1.0, 0.0, 0.0)
    renderer.GetEnvMapPrefiltered().SetPrefilterMaxSamples(PREFILTER_MAX_SAMPLES)
    renderer.GetEnvMapIrradiance().SetIrradianceSize(IRRADIANCE_SIZE)
    renderer.GetEnvMapLookupTable().SetLUTSize(LUT_SIZE)
    renderer.GetEnvMapLookupTable().SetLUTSamples(LUT_SAMPLES)


def _apply_finish(actor: pv.Actor, part: Part) -> None:
    finish = part_finish(part)
    prop = actor.prop
    prop.interpolation = "pbr"
    prop.color = part_colour(part)
    prop.metallic = finish.metallic
    prop.roughness = finish.roughness


def _bounds_centre(bounds: tuple[float, ...]) -> tuple[float, float, float]:
    return (
        (bounds[0] + bounds[1]) / 2.0,
        (bounds[2] + bounds[3]) / 2.0,
        (bounds[4] + bounds[5]) / 2.0,
    )


def _check_unique(names: Iterable[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValueError(
                f"part name {name!r} is used twice; every part of a product "
                "needs a unique name"
            )
        seen.add(name)
