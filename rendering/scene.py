"""The VTK scene of one product: an actor per part, its lighting and camera.

``ProductScene`` works on any pyvista plotter, so the Qt preview and the
offscreen renderer share the same materials, lights and preset views.
"""

from __future__ import annotations

import logging
import math
import weakref
from collections.abc import Iterable, Sequence

import numpy as np
import pyvista as pv
import trimesh
from vtkmodules.vtkRenderingCore import vtkCamera

from models3d.materials import material
from models3d.parts import Part
from rendering.backdrop import BACKGROUND_BOTTOM, BACKGROUND_TOP
from rendering.dimensions import DimensionRulers
from rendering.finishes import Finish, finish_for
from rendering.surfaces import ShadedPart, SurfaceShader
from rendering.textures import texture_image, texture_level, texture_level_count

Point = tuple[float, float, float]

logger = logging.getLogger(__name__)


# Two camera lights, as (position in camera coordinates, intensity): a key
# light above and to the left of the viewer and a weaker fill from the right.
# They give parts their shape; the environment adds reflections and a soft
# fill. Each light costs a share of every pixel's shading in software
# OpenGL, so a five-light kit took about a fifth more time per frame.
CAMERA_LIGHTS = (((-1.0, 1.2, 1.0), 1.1), ((1.0, 0.1, 0.6), 0.3))

# Image-based lighting is prefiltered on the GPU once per render window.
# VTK 9.7's defaults are 512 prefilter samples, a 256 px irradiance map and a
# 512 px lookup table with 1024 samples. With Mesa's llvmpipe on 2 cores, they
# took about 0.9 s for a 400x300 px image, and these sizes about 0.2 s. On
# this smooth environment the images look the same.
PREFILTER_MAX_SAMPLES = 32
IRRADIANCE_SIZE = 16
LUT_SIZE = 64
LUT_SAMPLES = 32

# Zoom factor applied after fitting the camera while the rulers are shown.
RULER_ZOOM = 0.8
# The preview frames the parts again when a change moves a corner of their
# bounding box past this fraction of the view's half width or height from
# its centre. It also does so when the box's larger side on screen shrinks
# below SHRUNK_FRACTION of the view.
VIEW_MARGIN = 0.98
SHRUNK_FRACTION = 0.3
# Textures whose tiles are a few millimetres wide, a few pixels on screen:
# see ProductScene._fit_texture_detail.
DETAILED_TEXTURES = frozenset({"leather", "suede", "weave"})

# Unit vectors from the focal point towards the camera, and the view-up vector,
# in the product frame (Z up, front of the product facing -Y).
# NOTE: models3d fixes Z up but not yet which side is the front.
VIEWS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "front": ((0.0, -1.0, 0.0), (0.0, 0.0, 1.0)),
    "top": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
    "side": ((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "iso": ((1.0, -1.0, 0.8), (0.0, 0.0, 1.0)),
}


HIDDEN_ACTORS = 32
"""Most actors of parts no longer shown that a scene keeps for reuse."""


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


def part_colour(part: Part) -> str:
    """Return the ``#rrggbb`` base colour of a part.

    The part's own colour (a dyed leather, a painted board) wins over its
    finish's colour, which wins over its material's preview colour.
    """
    if part.colour:
        return part.colour
    finish = finish_for(part.material)
    return finish.base_colour or material(part.material).colour


def part_finish(part: Part) -> Finish:
    """Return the surface finish of a part's material."""
    return finish_for(part.material)


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
        self._shader = SurfaceShader()
        self._surfaces: dict[str, pv.PolyData] = {}
        self._actors: dict[str, pv.Actor] = {}
        self._finishes: dict[str, Finish] = {}
        # Names of the shown parts that stand out of the product's size.
        self._protruding: set[str] = set()
        # Hidden actors of parts that went away, by name. A slider that adds
        # and drops a divider shows them again, because building new actors
        # each time stalled the bookshelf's drag for up to about 190 ms.
        self._hidden: dict[str, tuple[pv.Actor, pv.PolyData]] = {}
        self._textures: dict[tuple[str, int], pv.Texture] = {}
        self._view = "iso"
        self._camera_placed = False
        _set_up_lighting(plotter)
        self._rulers = DimensionRulers(plotter)
        # A weak reference, so that the renderer does not keep the scene alive.
        this = weakref.ref(self)

        def fit_texture_detail(_renderer: object, _event: str) -> None:
            scene = this()
            if scene is not None:
                scene._fit_texture_detail()

        plotter.renderer.AddObserver("StartEvent", fit_texture_detail)

    @property
    def actors(self) -> dict[str, pv.Actor]:
        """Actors keyed by part name, in the order the parts were given."""
        return dict(self._actors)

    @property
    def view(self) -> str:
        """Name of the preset view the camera was last placed at."""
        return self._view

    @property
    def rulers(self) -> DimensionRulers:
        """The width, depth and height rulers, hidden until asked for."""
        return self._rulers

    def bounds(self) -> tuple[float, ...]:
        """Return ``(xmin, xmax, ymin, ymax, zmin, zmax)`` of the parts in mm.

        An empty scene returns the unit cube around the origin.
        """
        return self._visible_bounds()

    def show_parts(
        self, parts: Sequence[Part | ShadedPart], reset_camera: bool = False
    ) -> None:
        """Show these parts, updating the actors of known part names in place.

        An actor whose part name is shown again keeps its identity: its
        surface receives the new points, normals and cells, and its colour
        and finish follow the part's material. Actors of names no longer
        present are hidden, and shown again when their names return, up to
        ``HIDDEN_ACTORS`` of them; new names get new actors.

        Parameters
        ----------
        parts
            Parts of one product, or parts already shaded by a
            :class:`~rendering.surfaces.SurfaceShader` (for example on a
            worker thread). Names must be unique.
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
        # Parts inside others, such as drawer boxes behind closed fronts,
        # would only cost frame time.
        shaded = [
            item if isinstance(item, ShadedPart) else self._shader.shade(item)
            for item in parts
            if not (item.part if isinstance(item, ShadedPart) else item).concealed
        ]
        names = [item.part.name for item in shaded]
        _check_unique(names)

        for name in [name for name in self._actors if name not in names]:
            self._hide_part(name)
        for item in shaded:
            if item.part.name in self._actors:
                self._update_part(item)
            else:
                self._add_part(item)
        self._actors = {name: self._actors[name] for name in names}
        self._protruding = {item.part.name for item in shaded if item.part.protrudes}
        self._sort_props()
        self._update_rulers()

        if reset_camera or not self._camera_placed:
            self.set_view(self._view)
        else:
            self._plotter.renderer.reset_camera_clipping_range()

    def _update_rulers(self) -> None:
        if not self._actors:
            self._rulers.update(None)
            return
        body = [name for name in self._surfaces if name not in self._protruding]
        self._rulers.update(
            self._visible_bounds(),
            self._visible_bounds(body) if body and self._protruding else None,
        )

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
        self._fit_camera()
        self._view = name
        self._camera_placed = bool(self._actors)

    def show_dimensions(self, visible: bool) -> None:
        """Show or hide the width, depth and height rulers of the parts.

        The camera keeps its direction and moves back or in until the parts,
        and the rulers when shown, fit the view.
        """
        self._rulers.set_visible(visible)
        if self._actors:
            self._fit_camera()

    def _fit_camera(self) -> None:
        # reset_camera keeps the view direction and moves the camera back
        # until the bounds of every visible actor fit. Ruler labels are drawn
        # in pixels beside their anchors and have no bounds, so the camera
        # steps back further to keep them in view.
        self._plotter.renderer.reset_camera(render=False)
        if self._rulers.visible:
            self._plotter.camera.zoom(RULER_ZOOM)

    def screen_extent(self, bounds: Sequence[float] | None = None) -> np.ndarray:
        """Return where a bounding box lies on screen, in normalised view units.

        Parameters
        ----------
        bounds
            ``(xmin, xmax, ymin, ymax, zmin, zmax)`` in mm; the parts' bounds
            by default.

        Returns
        -------
        numpy.ndarray
            ``[xmin, xmax, ymin, ymax]`` of the box's eight projected
            corners, where -1 and 1 are the view's edges. Corners behind
            the camera count as far outside, at -inf and inf.
        """
        if bounds is None:
            bounds = self._visible_bounds()
        renderer = self._plotter.renderer
        matrix = renderer.GetActiveCamera().GetCompositeProjectionTransformMatrix(
            renderer.GetTiledAspectRatio(), -1.0, 1.0
        )
        transform = np.array(
            [
                [matrix.GetElement(row, column) for column in range(4)]
                for row in range(4)
            ]
        )
        corners = np.array(
            [
                [x, y, z, 1.0]
                for x in bounds[0:2]
                for y in bounds[2:4]
                for z in bounds[4:6]
            ]
        )
        projected = corners @ transform.T
        if np.any(projected[:, 3] <= 0.0):
            return np.array([-np.inf, np.inf, -np.inf, np.inf])
        xy = projected[:, :2] / projected[:, 3:4]
        return np.array(
            [xy[:, 0].min(), xy[:, 0].max(), xy[:, 1].min(), xy[:, 1].max()]
        )

    def needs_framing(self, previous_bounds: Sequence[float]) -> bool:
        """Tell whether the parts outgrew the view or shrank a lot in it.

        Both compare the parts now with ``previous_bounds``, the parts'
        bounds before the last change. Parts that the user had already
        zoomed past the view's edge, or away to a small size, do not count,
        so a change only frames them again when the change itself moved
        them out or shrank them.
        """
        if not self._actors:
            return False
        before = self.screen_extent(previous_bounds)
        now = self.screen_extent()
        if _leaves_view(now) and not _leaves_view(before):
            return True
        return _shrunk(now) and not _shrunk(before)

    def fitted_camera(self) -> tuple[Point, Point, float]:
        """Return the camera that frames the parts from the current direction.

        The view direction and the view-up vector stay as they are, so a
        view the user turned keeps its angle. The camera itself does not
        move.

        Returns
        -------
        tuple
            ``(position, focal_point, view_angle)``, points in mm and the
            vertical view angle in degrees.
        """
        camera = self._plotter.camera
        saved = (camera.GetPosition(), camera.GetFocalPoint(), camera.GetViewAngle())
        clipping = camera.GetClippingRange()
        self._fit_camera()
        fitted = (camera.GetPosition(), camera.GetFocalPoint(), camera.GetViewAngle())
        camera.SetPosition(saved[0])
        camera.SetFocalPoint(saved[1])
        camera.SetViewAngle(saved[2])
        camera.SetClippingRange(clipping)
        return fitted

    def place_camera(
        self, position: Point, focal_point: Point, view_angle: float
    ) -> None:
        """Move the camera, keeping its view-up vector, and fit its clipping range."""
        camera = self._plotter.camera
        camera.SetPosition(position)
        camera.SetFocalPoint(focal_point)
        camera.SetViewAngle(view_angle)
        self._plotter.renderer.ResetCameraClippingRange()

    def clear(self) -> None:
        """Remove every part, so that the next parts shown refit the camera."""
        for name in list(self._actors):
            self._remove_part(name)
        for actor, _ in self._hidden.values():
            self._plotter.remove_actor(actor, render=False)
        self._hidden.clear()
        self._protruding.clear()
        self._rulers.update(None)
        self._camera_placed = False

    def _sort_props(self) -> None:
        """Sort the parts back to front when two or more are translucent.

        Without order-independent translucency, VTK blends translucent parts
        in the order of its prop list, and the culler sorts that list for
        the opaque and the translucent pass alike. Front to back, the nearer
        of two overlapping translucent parts would blend under the farther
        one. Back to front, every pixel of an opaque part hidden by a later
        part is shaded in vain (about 7 ms of the oxford shoe's frame), so
        that order is kept for products with at most one translucent part.
        NOTE: both orders compare the centres of the parts' bounding boxes,
        so translucent parts that interpenetrate can still blend in the
        wrong order.
        """
        translucent = sum(finish.is_translucent for finish in self._finishes.values())
        culler = self._plotter.renderer.GetCullers().GetItemAsObject(0)
        if translucent >= 2:
            culler.SetSortingStyleToBackToFront()
        else:
            culler.SetSortingStyleToFrontToBack()

    def _add_part(self, shaded: ShadedPart) -> None:
        part = shaded.part
        if part.name in self._hidden:
            actor, surface = self._hidden.pop(part.name)
            actor.SetVisibility(True)
            self._surfaces[part.name] = surface
            self._actors[part.name] = actor
            self._update_part(shaded)
            logger.debug("showed the hidden actor for part %s", part.name)
            return
        surface = pv.PolyData()
        surface.shallow_copy(shaded.surface)
        mapper = pv.DataSetMapper(surface)
        mapper.scalar_visibility = False
        actor = pv.Actor(mapper=mapper, name=part.name)
        self._surfaces[part.name] = surface
        self._actors[part.name] = actor
        self._apply_finish(actor, part)
        self._plotter.add_actor(actor, name=part.name, reset_camera=False, render=False)
        logger.debug("added actor for part %s (%s)", part.name, part.material)

    def _update_part(self, shaded: ShadedPart) -> None:
        # shallow_copy hands the surface that the mapper reads the new points,
        # normals and cells. Unchanged cells are the same cell array, so only
        # the points and normals go to the GPU again.
        name = shaded.part.name
        self._surfaces[name].shallow_copy(shaded.surface)
        self._apply_finish(self._actors[name], shaded.part)

    def _remove_part(self, name: str) -> None:
        self._plotter.remove_actor(self._actors.pop(name), render=False)
        del self._surfaces[name]
        del self._finishes[name]
        logger.debug("removed actor for part %s", name)

    def _hide_part(self, name: str) -> None:
        """Hide a part's actor and keep it for the name's return, dropping
        the longest hidden one beyond ``HIDDEN_ACTORS``."""
        actor = self._actors.pop(name)
        actor.SetVisibility(False)
        self._hidden[name] = (actor, self._surfaces.pop(name))
        del self._finishes[name]
        while len(self._hidden) > HIDDEN_ACTORS:
            oldest = next(iter(self._hidden))
            self._plotter.remove_actor(self._hidden.pop(oldest)[0], render=False)
        logger.debug("hid actor for part %s", name)

    def _apply_finish(self, actor: pv.Actor, part: Part) -> None:
        finish = part_finish(part)
        self._finishes[part.name] = finish
        prop = actor.prop
        prop.interpolation = "pbr"
        prop.color = part_colour(part)
        prop.metallic = finish.metallic
        prop.roughness = finish.roughness
        prop.opacity = finish.opacity
        prop.SetBaseIOR(finish.base_ior)
        prop.SetCoatStrength(finish.coat_strength)
        prop.SetCoatRoughness(finish.coat_roughness)
        # Parts are closed solids, so back faces are always hidden behind
        # front faces. Culling them halves the pixels shaded in software
        # OpenGL, and leaves a translucent gem one layer to blend.
        prop.SetBackfaceCulling(True)
        self._set_albedo_texture(part.name, actor)

    def _set_albedo_texture(self, name: str, actor: pv.Actor) -> None:
        finish = self._finishes[name]
        texture = None
        if finish.texture is not None:
            texture = self._texture(finish.texture, self._texture_level(name))
        prop = actor.prop
        if prop.GetTexture("albedoTex") is not texture:
            # VTK warns each time a texture replaces one of the same name.
            prop.RemoveTexture("albedoTex")
            if texture is not None:
                prop.SetBaseColorTexture(texture)

    def _fit_texture_detail(self) -> None:
        """Give each finely textured part the texture level its size on screen needs.

        Called as the renderer starts each frame. Leather, suede and weave
        tiles are a few millimetres wide, a few pixels on screen, and show
        moiré rings unless the texture is filtered down to about one texel
        per pixel. A mipmap does that per pixel, but in llvmpipe a
        mipmapped sRGB texture took about 22 ms of CPU time of the oxford
        shoe's 49 ms frame at 672 x 812 px. So the scene picks one
        prefiltered level per part, for the depth of the part's centre, and
        samples it without a mipmap. Wood grain tiles span hundreds of
        pixels, so wood keeps its full texture.
        """
        for name, actor in self._actors.items():
            if self._finishes[name].texture in DETAILED_TEXTURES:
                self._set_albedo_texture(name, actor)

    def _texture_level(self, name: str) -> int:
        finish = self._finishes[name]
        if finish.texture not in DETAILED_TEXTURES:
            return 0
        surface = self._surfaces[name]
        if surface.n_points == 0:
            return 0
        renderer = self._plotter.renderer
        scale = pixels_per_mm(
            renderer.GetActiveCamera(),
            renderer.GetSize()[1],
            _bounds_centre(surface.bounds),
        )
        texels = texture_image(finish.texture).shape[1] / finish.texture_size_mm
        return texture_level_for(texels, scale, texture_level_count(finish.texture))

    def _texture(self, name: str, level: int) -> pv.Texture:
        # A VTK texture keeps its pixels on one render window's context, so
        # every scene makes its own.
        key = (name, level)
        if key not in self._textures:
            texture = pv.Texture(texture_level(name, level))
            texture.repeat = True
            texture.interpolate = True
            # Mipmapped lookups took about 30 ms more per frame of the table
            # in llvmpipe. Wood grain is rarely minified enough to shimmer
            # without them, and finer textures come at a prefiltered level.
            texture.mipmap = False
            texture.SetUseSRGBColorSpace(True)
            self._textures[key] = texture
        return self._textures[key]

    def _visible_bounds(self, names: Iterable[str] | None = None) -> tuple[float, ...]:
        if names is None:
            names = self._surfaces
        bounds = [self._surfaces[name].bounds for name in names]
        bounds = [b for b in bounds if b[0] <= b[1]]
        if not bounds:
            return (-1.0, 1.0, -1.0, 1.0, -1.0, 1.0)
        stacked = np.array(bounds, dtype=float)
        return (
            float(stacked[:, 0].min()),
            float(stacked[:, 1].max()),
            float(stacked[:, 2].min()),
            float(stacked[:, 3].max()),
            float(stacked[:, 4].min()),
            float(stacked[:, 5].max()),
        )


def pixels_per_mm(
    camera: vtkCamera, viewport_height: int, point: Sequence[float]
) -> float:
    """Return how many pixels one millimetre at ``point`` spans on screen.

    Parameters
    ----------
    camera
        The renderer's camera; its view angle is the vertical one.
    viewport_height
        Height of the renderer's viewport in pixels.
    point
        A point in mm; for a perspective camera its depth along the view
        direction sets the scale.

    Returns
    -------
    float
        Pixels per millimetre, or infinity for a point at or behind the
        camera.
    """
    if camera.GetParallelProjection():
        return viewport_height / (2.0 * camera.GetParallelScale())
    position = np.array(camera.GetPosition())
    direction = np.array(camera.GetDirectionOfProjection())
    depth = float(np.dot(np.asarray(point, dtype=float) - position, direction))
    if depth <= 0.0:
        return math.inf
    half_angle = math.radians(camera.GetViewAngle()) / 2.0
    return viewport_height / (2.0 * depth * math.tan(half_angle))


def texture_level_for(
    texels_per_mm: float, pixels_per_mm: float, level_count: int
) -> int:
    """Pick the texture level that puts closest to one texel on each pixel.

    Level ``n`` has ``texels_per_mm / 2**n`` texels per millimetre, as in a
    mipmap; the result lies in ``[0, level_count - 1]``.
    """
    if pixels_per_mm <= 0.0:
        return level_count - 1
    texels_per_pixel = texels_per_mm / pixels_per_mm
    if texels_per_pixel <= 1.0:
        return 0
    return min(level_count - 1, round(math.log2(texels_per_pixel)))


def studio_environment(height: int = 64, width: int = 128) -> np.ndarray:
    """Draw a photo-studio environment for image-based lighting.

    Metals show mostly their surroundings, so without an environment they
    render nearly black. The image is an equirectangular projection with Z
    up: a bright ceiling, a darker floor, three soft boxes brighter than
    white, which give metals and gems crisp highlights, and a black flag.

    Returns
    -------
    numpy.ndarray
        ``float32`` linear radiance of shape ``(height, width, 3)``; row 0
        looks straight up and 1.0 is the brightest white a surface shows.
    """
    elevation = (0.5 - (np.arange(height) + 0.5) / height) * np.pi
    azimuth = (np.arange(width) + 0.5) / width * 2.0 * np.pi
    sine = np.sin(elevation)[:, None]
    radiance = np.where(sine > 0, 0.3 + 0.2 * sine, 0.06 + 0.24 * (1.0 + sine))
    radiance = np.repeat(radiance, width, axis=1)

    # Soft boxes, and one black flag that gives metals a dark reflection to
    # read their shape by, as (azimuth, elevation, half width, half height,
    # radiance) with angles in radians. Edges fade over a tenth of the size.
    panels = (
        (0.8, 0.55, 0.35, 0.22, 1.3),
        (3.7, 0.4, 0.3, 0.2, 1.0),
        (2.3, 1.05, 0.8, 0.08, 1.2),
        (5.3, 0.1, 0.45, 0.3, 0.03),
    )
    for panel_azimuth, panel_elevation, half_width, half_height, level in panels:
        d_azimuth = np.abs(np.angle(np.exp(1j * (azimuth[None, :] - panel_azimuth))))
        d_elevation = np.abs(elevation[:, None] - panel_elevation)
        distance = np.maximum(d_azimuth / half_width, d_elevation / half_height)
        inside = np.clip((1.1 - distance) / 0.2, 0.0, 1.0)
        radiance = radiance + (level - radiance) * inside

    # A slightly warm white, as under studio lamps.
    rgb = np.stack([radiance, radiance * 0.98, radiance * 0.95], axis=-1)
    return rgb.astype(np.float32)


def _set_up_lighting(plotter: pv.BasePlotter) -> None:
    plotter.set_background(BACKGROUND_BOTTOM, top=BACKGROUND_TOP)
    plotter.remove_all_lights()
    for position, intensity in CAMERA_LIGHTS:
        light = pv.Light(
            position=position,
            focal_point=(0.0, 0.0, 0.0),
            intensity=intensity,
            light_type="camera light",
        )
        plotter.add_light(light)

    texture = pv.Texture(studio_environment())
    texture.mipmap = True
    texture.interpolate = True
    plotter.set_environment_texture(texture, is_srgb=False, show_background=False)

    renderer = plotter.renderer
    # llvmpipe tests depth before it shades a pixel, so a pixel hidden behind
    # a part drawn earlier costs almost nothing, while one that a later part
    # covers was shaded for nothing. VTK's default culler can sort the props
    # front to back by the distance of their bounds' centres from the near
    # plane. That took the oxford shoe's frame from 26 to 19 ms of CPU time
    # at 672 x 812 px, because the sole, the first of its parts, lies mostly
    # under the upper. ProductScene._sort_props reverses the order for
    # products with more than one translucent part.
    culler = renderer.GetCullers().GetItemAsObject(0)
    culler.SetSortingStyleToFrontToBack()
    # Order-independent translucency added 8 to 18 ms per frame of the
    # solitaire ring in llvmpipe; one culled gem blends correctly without it.
    renderer.SetUseOIT(False)
    renderer.SetEnvironmentUp(0.0, 0.0, 1.0)
    renderer.SetEnvironmentRight(1.0, 0.0, 0.0)
    renderer.GetEnvMapPrefiltered().SetPrefilterMaxSamples(PREFILTER_MAX_SAMPLES)
    renderer.GetEnvMapIrradiance().SetIrradianceSize(IRRADIANCE_SIZE)
    renderer.GetEnvMapLookupTable().SetLUTSize(LUT_SIZE)
    renderer.GetEnvMapLookupTable().SetLUTSamples(LUT_SAMPLES)


def _leaves_view(extent: np.ndarray) -> bool:
    return bool(np.any(np.abs(extent) > VIEW_MARGIN))


def _shrunk(extent: np.ndarray) -> bool:
    width = (extent[1] - extent[0]) / 2.0
    height = (extent[3] - extent[2]) / 2.0
    return max(width, height) < SHRUNK_FRACTION


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
