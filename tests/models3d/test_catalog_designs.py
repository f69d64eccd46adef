"""Properties of every orderable shoe and furniture design in the catalog.

Hypothesis builds designs the way a customer does: it picks the parameters
in a random order and sets each to a value the rules engine still offers,
so every design it draws is orderable. Each design must give closed,
outward-wound parts with positive volume, no faces without area, no faces
that touch or cross and no stray handles, bounds equal
to its parameters, no shared volume between parts that are not joined, a
union in one piece, and the same arrays when built twice. A shoe's parts
also have no neighbouring faces folded back onto each other.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from designer.session import DesignSession
from models3d import boot, footwear, shoe, sneaker
from models3d.boards import BoardPart, board_totals
from models3d.caching import clear_caches
from models3d.chair import LEG_MM, back_rake
from models3d.footwear import shoe_quantities
from models3d.generators import build
from models3d.handles import PROJECTION_MM
from models3d.solids import measure, union_parts
from tests.models3d.helpers import (
    assert_extents,
    assert_no_fold_backs,
    assert_parts_apart,
    assert_parts_clean,
    assert_parts_solid,
    assert_same_geometry,
    assert_topology,
    boolean_not_expected,
    catalog_model,
    solid_bodies,
)


def pairs(*names):
    return {frozenset(pair.split("+")) for pair in names}


def shoe_extents(welt):
    def extents(dims):
        return [dims["last_length"], dims["ball_width"] + 2 * welt, None]

    return extents


def box_extents(dims):
    return [dims["width"], dims["depth"], dims["height"]]


def cabinet_extents(dims):
    projection = PROJECTION_MM[dims["handle"]]
    return [dims["width"], dims["depth"] + projection, dims["height"]]


def chair_extents(dims):
    rake = back_rake(dims["back_height"], dims["back_angle"])
    return [
        dims["seat_width"],
        dims["seat_depth"] + LEG_MM + rake,
        dims["seat_height"] + dims["back_height"],
    ]


SHOES = {
    "shoe-oxford": (
        shoe_extents(shoe.WELT_MM),
        pairs(
            "sole+upper", "sole+toe_cap", "upper+toe_cap", "upper+facings",
            "upper+tongue", "facings+laces",
        ),
    ),
    "shoe-sneaker": (
        shoe_extents(sneaker.WELT_MM),
        pairs(
            "cupsole+midsole", "cupsole+upper", "midsole+upper", "upper+facings",
            "upper+tongue", "facings+laces",
        ),
    ),
    "shoe-boot": (shoe_extents(boot.WELT_MM), pairs("sole+upper")),
}  # fmt: skip

FURNITURE = {
    "bookshelf": (box_extents, set()),
    "cabinet": (cabinet_extents, set()),
    "chair": (chair_extents, set()),
    "table-dining": (
        box_extents,
        pairs("top+leg_1", "top+leg_2", "top+leg_3", "top+leg_4"),
    ),
}

ORDERABLE = settings(
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def orderable_designs(draw, model_id):
    """Draw a design by setting parameters, in a random order, to offered
    values; return its session."""
    model = catalog_model(model_id)
    session = DesignSession(model)
    names = [p.name for p in model.rules.parameters if p.finite]
    for name in draw(st.permutations(names)):
        offered = session.domains.offered[name]
        session.set_value(name, draw(st.sampled_from(offered)))
    return session


def check_design(session, extents, joined):
    """Build one design and check the properties in the module notes."""
    note(f"design values: {session.values}")
    assert session.orderable, [v.rule for v in session.violations]
    dims = session.dimensions()
    generator = session.model.generator
    parts = build(generator, dims)
    assert_parts_solid(parts)
    assert_parts_clean(parts)
    assert_topology(parts, tubes=("upper",))
    assert_parts_apart(parts, joined)
    fused = union_parts(parts)
    assert fused.is_watertight
    assert solid_bodies(fused) == 1
    # A cabinet's handles stand out in front of its centred body.
    front = PROJECTION_MM[dims["handle"]] if "handle" in dims else 0.0
    assert_extents(fused, extents(dims), session.model.id, front=front)
    assert_same_geometry(parts, build(generator, dims))
    return parts, fused


@pytest.mark.parametrize("model_id", sorted(SHOES))
def test_shoe_designs(model_id, monkeypatch):
    extents, joined = SHOES[model_id]
    # Every catalog upper's opening is cut without the boolean fallback.
    clear_caches()
    monkeypatch.setattr(footwear, "subtract", boolean_not_expected)

    @settings(ORDERABLE, max_examples=4)
    @given(session=orderable_designs(model_id))
    def check(session):
        parts, fused = check_design(session, extents, joined)
        assert_no_fold_backs(parts)
        # Every enclosed space of a shoe is a defect: the union has no voids.
        assert fused.body_count == 1
        quantities = shoe_quantities(parts)
        assert all(area > 0 for area in quantities.upper_area_dm2.values())
        assert all(cm3 > 0 for cm3 in quantities.sole_volume_cm3.values())

    check()


@pytest.mark.parametrize("model_id", sorted(FURNITURE))
def test_furniture_designs(model_id):
    extents, joined = FURNITURE[model_id]

    @settings(ORDERABLE, max_examples=8)
    @given(session=orderable_designs(model_id))
    def check(session):
        parts, _ = check_design(session, extents, joined)
        boards = [part for part in parts if isinstance(part, BoardPart)]
        totals = board_totals(parts)
        assert sum(total.count for total in totals.values()) == len(boards)
        masses = measure(boards).mass_by_material()
        for name, total in totals.items():
            assert total.area_m2 > 0
            assert total.mass_kg == pytest.approx(masses[name] / 1000.0)

    check()


def test_drawn_designs_vary():
    """The strategy reaches past the defaults: widths differ between draws."""
    widths = set()

    @settings(ORDERABLE, max_examples=10)
    @given(session=orderable_designs("bookshelf"))
    def collect(session):
        widths.add(session.values["width"])

    collect()
    assert len(widths) > 3
    assert not np.isclose(sorted(widths)[0], sorted(widths)[-1])
