"""Hostile and awkward files: each is refused with its sentence before it can cost much, with
nothing written, or read correctly when it is only old-fashioned."""

import pytest

from benchmarks import hostile_files
from core.import_files import FileProblem, read_table
from core.importing import KINDS, check
from data_access import audit, imports
from tests import measured
from tests.viewers import ADMIN


def refusal(name: str, data: bytes, kind: str) -> str:
    """The sentence a file gets, from reading or from checking its rows."""
    try:
        headers, rows = read_table(name, data)
    except FileProblem as exc:
        return str(exc)
    result = check(KINDS[kind], headers, rows, imports.lookups(viewer=ADMIN))
    assert result.problems, f"{name} was accepted"
    return " ".join(p.problem for p in result.problems)


@pytest.mark.parametrize("name", sorted(hostile_files.CASES))
def test_hostile_files_get_their_sentence_and_write_nothing(database_url, name):
    make, kind, sentence = hostile_files.CASES[name]
    assert sentence in refusal(name, make(), kind)
    assert audit.audit_entries(viewer=ADMIN, action="import").empty


@pytest.mark.parametrize("name", sorted(hostile_files.READABLE))
def test_old_encodings_are_read(database_url, name):
    make, kind = hostile_files.READABLE[name]
    headers, rows = read_table(name, make())
    result = check(KINDS[kind], headers, rows, imports.lookups(viewer=ADMIN))
    assert result.ok and len(result.records) == 1, result.problems
    assert result.records[0]["pagu_rp"] == 1_000_000


MEASURE = """
import json, sys, time
from benchmarks import hostile_files
from core.import_files import FileProblem, read_table
name = sys.argv[1]
data = hostile_files.CASES[name][0]()
base = peak()
started = time.perf_counter()
try:
    read_table(name, data)
    outcome = "read"
except FileProblem as exc:
    outcome = str(exc)
print(json.dumps({"base": base, "peak": peak(), "seconds": time.perf_counter() - started,
                  "outcome": outcome}))
"""


@pytest.mark.parametrize("name", ["inflating.xlsx", "million.csv"])
def test_a_refusal_costs_little_memory_and_time(name):
    figures = measured.run(MEASURE, name)
    assert figures["outcome"] != "read"
    assert figures["peak"] - figures["base"] < 300, figures
    assert figures["seconds"] < 5, figures


def test_dos_letters_are_read_as_dos_and_windows_quotes_as_windows():
    from core.import_files import decode

    assert decode(hostile_files.cp850_csv()).endswith("Société Übersee\n")
    assert decode(hostile_files.cp1252_csv()).endswith("\u201cdari DPA\u201d\n")
