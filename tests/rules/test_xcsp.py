import numpy as np
import pytest

from rules.xcsp import XcspError, read_xcsp

SMALL = """<?xml version="1.0"?>
<instance>
<presentation format="XCSP 2.1" type="CSP"/>
<domains nbDomains="2">
<domain name="D0" nbValues="3">0..2</domain>
<domain name="D1" nbValues="3">-1 4 7</domain>
</domains>
<variables nbVariables="3">
<variable name="a" domain="D0"/>
<variable name="b" domain="D0"/>
<variable name="c" domain="D1"/>
</variables>
<relations nbRelations="3">
<relation name="R0" arity="2" nbTuples="3" semantics="supports">0 1|1 2|2 9</relation>
<relation name="R1" arity="2" nbTuples="1" semantics="conflicts">2 7</relation>
<relation name="R2" arity="2" nbTuples="2" semantics="supports">0 0|1 2</relation>
</relations>
<constraints nbConstraints="3">
<constraint name="C0" arity="2" scope="a b" reference="R0"/>
<constraint name="C1" arity="2" scope="b c" reference="R1"/>
<constraint name="C2" arity="2" scope="a a" reference="R2"/>
</constraints>
</instance>
"""


def write(tmp_path, text, name="model.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_domains_relations_and_scopes(tmp_path):
    model = read_xcsp(write(tmp_path, SMALL))
    assert model.names == ("a", "b", "c")
    assert model.values == ((0, 1, 2), (0, 1, 2), (-1, 4, 7))
    by_name = {t.name: t for t in model.tables}
    # The tuple "2 9" uses a value outside b's domain and can never occur.
    assert by_name["C0"].rows.tolist() == [[0, 1], [1, 2]]
    assert not by_name["C1"].supports
    assert by_name["C1"].rows.tolist() == [[2, 2]]
    # A scope that repeats a variable keeps the rows that agree on it.
    assert by_name["C2"].scope == (0,)
    assert by_name["C2"].rows.tolist() == [[0]]


@pytest.mark.parametrize(
    ("old", "new", "element", "reason"),
    [
        ('reference="R1"', 'reference="R9"', "constraint C1", "'R9'"),
        ('scope="b c"', 'scope="b z"', "constraint C1", "'z', which is not"),
        ('scope="b c"', 'scope="b"', "constraint C1", "arity 2"),
        ("0 1|1 2|2 9", "0 1|1 2 0|2 9", "relation R0", "tuple 2 (1 2 0)"),
        ("0 1|1 2|2 9", "0 1|1 x", "relation R0", "whole numbers"),
        ('semantics="conflicts"', 'semantics="soft"', "relation R1", "'soft'"),
        ('domain="D1"', 'domain="D7"', "variable c", "'D7'"),
        (">-1 4 7<", ">-1 4 seven<", "domain D1", "'seven'"),
        ("</relations>", "</relations><predicates/>", "<predicates>", "tables"),
    ],
)
def test_errors_name_the_element_and_the_fix(tmp_path, old, new, element, reason):
    assert old in SMALL
    path = write(tmp_path, SMALL.replace(old, new, 1))
    with pytest.raises(XcspError) as caught:
        read_xcsp(path)
    message = str(caught.value)
    assert message.startswith(f"model.xml: {element}: ")
    assert reason in message


def test_malformed_and_missing_files_are_reported(tmp_path):
    with pytest.raises(XcspError, match="not well-formed XML"):
        read_xcsp(write(tmp_path, SMALL[:200]))
    with pytest.raises(XcspError, match="cannot be read"):
        read_xcsp(tmp_path / "absent.xml")


def test_renault_medium_loads(shared_data):
    model = read_xcsp(
        shared_data / "configuration" / "renault-medium" / "medium_domainsorted.xml"
    )
    assert len(model.names) == 148
    assert sum(model.sizes) == 426
    assert len(model.tables) == 174
    assert all(t.supports for t in model.tables)


def test_megane_loads(shared_data):
    model = read_xcsp(shared_data / "configuration" / "megane.xml")
    assert len(model.names) == 99
    assert sum(model.sizes) == 396
    assert len(model.tables) == 113
    assert max(len(t.scope) for t in model.tables) == 10
    assert sum(not t.supports for t in model.tables) == 13
    assert all(np.all(t.rows >= 0) for t in model.tables)
