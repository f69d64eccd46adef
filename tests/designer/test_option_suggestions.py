"""Suggested values for the design on screen, limited to what the rules offer."""

from collections import Counter

import pytest

from designer.option_suggestions import OptionAdvisor
from designer.session import DesignSession


def _design(catalog, **values):
    """Return the values of a valid dining table with ``values`` chosen."""
    session = DesignSession(catalog.get("table-dining"))
    for name, value in values.items():
        session.set_value(name, value)
    assert session.orderable, values
    return dict(session.values)


@pytest.fixture(scope="module")
def past_tables(catalog):
    """Past dining tables: lacquered MDF is the most chosen top overall, but
    only on short tables, which neither sag nor outgrow one sheet."""
    short_mdf = _design(catalog, width=1400, top_material="mdf", leg_style="square")
    long_walnut = _design(
        catalog, width=2800, top_material="walnut", leg_style="tapered"
    )
    long_oak = _design(catalog, width=2800, top_material="oak", leg_style="round")
    return [short_mdf] * 6 + [long_walnut] * 2 + [long_oak] * 3


def _values(suggestions):
    return [s.value for s in suggestions]


def _most_chosen(designs, name, among, **agreeing):
    counts = Counter(
        d[name]
        for d in designs
        if d[name] in among and all(d[k] == v for k, v in agreeing.items())
    )
    return counts.most_common(1)[0][0]


def test_suggests_offered_values_only(catalog, past_tables):
    advisor = OptionAdvisor(catalog.get("table-dining"), past_tables)
    session = DesignSession(catalog.get("table-dining"))
    session.set_value("width", 2800)
    offered = session.domains.offered["top_material"]

    suggestions = advisor.suggest(session, "top_material")

    # A 2800 mm top is longer than a 2440 mm sheet of MDF or plywood.
    assert "mdf" in session.domains.withheld["top_material"]
    assert sorted(_values(suggestions)) == sorted(offered)
    assert suggestions[0].value == _most_chosen(past_tables, "top_material", offered)
    assert sum(s.score for s in suggestions) == pytest.approx(1.0)


def test_no_choice_ranks_by_popularity(catalog, past_tables):
    advisor = OptionAdvisor(catalog.get("table-dining"), past_tables, beta=0.0)
    session = DesignSession(catalog.get("table-dining"))
    offered = session.domains.offered["top_material"]

    suggestions = advisor.suggest(session, "top_material")

    assert sorted(_values(suggestions)) == sorted(offered)
    assert suggestions[0].value == _most_chosen(past_tables, "top_material", offered)


def test_shared_choice_outweighs_popularity(catalog, past_tables):
    advisor = OptionAdvisor(catalog.get("table-dining"), past_tables, beta=4.0)
    session = DesignSession(catalog.get("table-dining"))
    session.set_value("width", 2800)
    session.set_value("leg_style", "tapered")
    offered = session.domains.offered["top_material"]

    suggestions = advisor.suggest(session, "top_material")

    tapered = _most_chosen(
        past_tables, "top_material", offered, width=2800, leg_style="tapered"
    )
    assert tapered != _most_chosen(past_tables, "top_material", offered)
    assert suggestions[0].value == tapered


def test_studio_values_are_no_choices(catalog, past_tables):
    advisor = OptionAdvisor(catalog.get("table-dining"), past_tables, beta=4.0)
    chosen = DesignSession(catalog.get("table-dining"))
    chosen.set_value("leg_style", "tapered")
    # The same values, but set by the studio rather than by the customer.
    unchosen = DesignSession(catalog.get("table-dining"), chosen.values)

    assert advisor.suggest(unchosen, "top_material") != advisor.suggest(
        chosen, "top_material"
    )
    assert _values(advisor.suggest(unchosen, "top_material"))[0] == _most_chosen(
        past_tables, "top_material", unchosen.domains.offered["top_material"]
    )


def test_unknown_past_values_match_nothing(catalog, past_tables):
    stale = {**past_tables[0], "top_material": "teak", "leg_style": 7}
    partial = {"width": 2800}
    advisor = OptionAdvisor(
        catalog.get("table-dining"), [stale] * 20 + [partial] * 20 + past_tables
    )
    session = DesignSession(catalog.get("table-dining"))
    session.set_value("width", 2800)
    offered = session.domains.offered["top_material"]

    suggestions = advisor.suggest(session, "top_material")

    assert sorted(_values(suggestions)) == sorted(offered)
    assert suggestions[0].value == _most_chosen(past_tables, "top_material", offered)


def test_without_past_designs_keeps_domain_order(catalog):
    model = catalog.get("table-dining")
    advisor = OptionAdvisor(model, [])
    session = DesignSession(model)

    suggestions = advisor.suggest(session, "top_material")

    assert _values(suggestions) == list(session.domains.offered["top_material"])
    assert {s.score for s in suggestions} == {0.0}


def test_ring_sizes_follow_size_system(catalog):
    model = catalog.get("ring-band")
    past = []
    for size in ("US 7", "US 7", "US 6"):
        session = DesignSession(model)
        session.set_value("size_system", "US")
        session.set_value("size", size)
        past.append(dict(session.values))
    advisor = OptionAdvisor(model, past)
    session = DesignSession(model)
    session.set_value("size_system", "ISO")
    offered = session.domains.offered["size"]

    suggestions = advisor.suggest(session, "size")

    assert sorted(_values(suggestions)) == sorted(offered)
    assert "US 7" not in _values(suggestions)


def test_rejects_text_parameter(catalog):
    model = catalog.get("ring-band")
    advisor = OptionAdvisor(model, [])

    with pytest.raises(KeyError, match="'engraving' not found"):
        advisor.suggest(DesignSession(model), "engraving")


def test_rejects_session_of_other_model(catalog, past_tables):
    advisor = OptionAdvisor(catalog.get("table-dining"), past_tables)

    with pytest.raises(ValueError, match="fitted on designs of 'table-dining'"):
        advisor.suggest(DesignSession(catalog.get("ring-band")), "width")
