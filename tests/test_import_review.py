"""Realisasi written year-to-date is converted to in-quarter figures against what is stored,
implausible results are refused or raised, and large replacements need a confirmation."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.imports.import_review import far_from_history, large_changes, review_budget
from core.imports.importing import KINDS, check, read_table
from data_access.figures import budget, outcomes
from data_access.imports import imports
from tests.viewers import ADMIN, STAFF

LINE = {"partner_id": 1, "year": 2025, "fund_source": "APBD", "pagu_rp": 1_000}


def rows(*quarters_and_values):
    return [LINE | {"quarter": q, "realisasi_rp": v, "_row": q + 1} for q, v in quarters_and_values]


def test_cumulative_file_becomes_in_quarter_figures():
    out = review_budget(rows((1, 100), (2, 250), (3, 600)), {}, cumulative=True)
    assert [r["realisasi_rp"] for r in out.records] == [100, 150, 350]
    assert not out.problems and not out.warnings


def test_cumulative_quarter_alone_subtracts_the_stored_quarters():
    stored = {(1, 2025, "APBD", 1): 100, (1, 2025, "APBD", 2): 150}
    out = review_budget(rows((3, 600)), stored, cumulative=True)
    assert out.records[0]["realisasi_rp"] == 350


def test_a_cumulative_figure_below_the_quarter_before_is_refused():
    out = review_budget(rows((1, 300), (2, 200)), {}, cumulative=True)
    assert [p.row for p in out.problems] == [3]
    assert "lebih kecil dari realisasi s.d. triwulan sebelumnya" in out.problems[0].problem
    assert [r["quarter"] for r in out.records] == [1]


def test_an_in_quarter_file_that_is_really_year_to_date_is_raised():
    """The silent case: TW IV written year-to-date into the in-quarter column."""
    stored = {(1, 2025, "APBD", q): 250 for q in (1, 2, 3)}
    out = review_budget(rows((4, 900)), stored, cumulative=False)
    assert out.records[0]["realisasi_rp"] == 900
    warning = out.warnings[0]
    assert "melebihi pagu" in warning.problem and "kumulatif" in warning.right


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=4))
def test_writing_a_sequence_cumulatively_and_converting_gives_it_back(spent):
    total, written = 0, []
    for quarter, value in enumerate(spent, start=1):
        total += value
        written.append((quarter, total))
    line = [r | {"pagu_rp": 10**12} for r in rows(*written)]
    out = review_budget(line, {}, cumulative=True)
    assert [r["realisasi_rp"] for r in out.records] == spent


@given(
    st.lists(st.integers(min_value=0, max_value=10**9), min_size=4, max_size=4),
    st.sets(st.integers(min_value=1, max_value=4), min_size=1),
)
def test_any_quarters_of_a_cumulative_file_fit_the_stored_rest(spent, in_file):
    stored = {(1, 2025, "APBD", q): spent[q - 1] for q in range(1, 5) if q not in in_file}
    written = [(q, sum(spent[:q])) for q in sorted(in_file)]
    line = [r | {"pagu_rp": 10**12} for r in rows(*written)]
    out = review_budget(line, stored, cumulative=True)
    assert [r["realisasi_rp"] for r in out.records] == [spent[q - 1] for q in sorted(in_file)]


def test_large_changes_and_far_from_history():
    changed = [((1, 2025), {"placements": 11_500}, {"placements": 1_875, "_row": 2})]
    warned = large_changes(changed, ("placements",), 3.0, {"placements": "penempatan"})
    assert warned[0].column == "penempatan" and warned[0].value == "11.500 → 1.875"
    assert large_changes(changed, ("placements",), 10.0, {}) == []
    history = {(1, "placements"): [12_000, 19_000, 18_000]}
    far = far_from_history(
        [{"partner_id": 1, "placements": 1_875, "_row": 2}], history, ("placements",), 3.0, 2, {}
    )
    assert len(far) == 1 and "median" in far[0].problem


def checked(kind, text):
    headers, body = read_table("f.csv", text.encode())
    result = check(KINDS[kind], headers, body, imports.lookups(viewer=ADMIN))
    assert result.ok, result.problems
    return result


def test_a_year_to_date_budget_file_keeps_the_year_right(database_url):
    """Indramayu's APBD 2025 realisasi through TW IV is Rp1.650.400.000 in the demo data;
    a finance office's file states it year-to-date with its own header."""
    before = budget.budget_by_partner(viewer=STAFF, year=2025, quarter=4).set_index("code")
    text = (
        "kode_mitra,tahun,triwulan,sumber_dana,pagu,Realisasi s.d. Triwulan,target_peserta\n"
        "32.12,2025,4,APBD,Rp1.886.000.000,Rp1.700.000.000,164\n"
    )
    result = checked("anggaran", text)
    assert result.cumulative_header
    work = imports.preview(viewer=ADMIN, kind="anggaran", records=result.records, cumulative=True)
    assert not work.problems and not work.warnings
    assert work.changed[0][2]["realisasi_rp"] == 1_700_000_000 - (
        178_800_000 + 367_800_000 + 529_500_000
    )
    imports.apply(
        viewer=ADMIN, kind="anggaran", records=result.records, file_name="f.csv",
        file_bytes=text.encode(), cumulative=True,
    )  # fmt: skip
    after = budget.budget_by_partner(viewer=STAFF, year=2025, quarter=4).set_index("code")
    spent = after.loc["32.12", "realisasi_rp"] - before.loc["32.12", "realisasi_rp"]
    assert spent == 1_700_000_000 - 1_650_400_000  # only the APBD line moved, to its new total


def test_the_same_file_read_in_quarter_is_raised_not_silently_stored(database_url):
    text = (
        "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
        "32.12,2025,4,APBD,Rp1.886.000.000,Rp1.700.000.000,164\n"
    )
    result = checked("anggaran", text)
    work = imports.preview(viewer=ADMIN, kind="anggaran", records=result.records)
    assert any("melebihi pagu" in w.problem for w in work.warnings)
    with pytest.raises(imports.ImportRefused, match="peringatan"):
        imports.apply(
            viewer=ADMIN, kind="anggaran", records=result.records, file_name="f.csv",
            file_bytes=text.encode(),
        )  # fmt: skip


def test_a_large_replacement_needs_a_confirmation(database_url):
    text = "kode_mitra,tahun,penempatan\n32.12,2025,1.875\n"
    result = checked("luaran", text)
    work = imports.preview(viewer=ADMIN, kind="luaran", records=result.records)
    assert [w.value for w in work.warnings if w.column == "penempatan"] == ["20.221 → 1.875"]
    common = {"viewer": ADMIN, "kind": "luaran", "records": result.records, "file_name": "f.csv"}
    with pytest.raises(imports.ImportRefused, match="peringatan"):
        imports.apply(**common, file_bytes=text.encode())
    kept = outcomes.outcomes_by_partner(viewer=STAFF, years=(2025,)).set_index("code")
    assert kept.loc["32.12", "placements"] == 20_221
    imports.apply(**common, file_bytes=text.encode(), confirmed=True)
    changed = outcomes.outcomes_by_partner(viewer=STAFF, years=(2025,)).set_index("code")
    assert changed.loc["32.12", "placements"] == 1_875


def test_a_new_yearly_outcome_far_from_the_partners_history_is_raised(database_url):
    text = "kode_mitra,tahun,penempatan\n32.12,2026,1.875\n"
    work = imports.preview(viewer=ADMIN, kind="luaran", records=checked("luaran", text).records)
    assert [w.column for w in work.warnings] == ["penempatan"]
    assert "median tahun-tahun lain" in work.warnings[0].problem


def test_the_report_shows_the_code_the_clerk_typed_not_an_internal_id(database_url):
    from data_access.store.access import Viewer

    operator = Viewer("mitra", 16, "mitra-7104")
    text = (
        "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
        "Kab. Indramayu,2026,1,APBD,Rp1.000,Rp10,4\n"
    )
    headers, body = read_table("f.csv", text.encode())
    result = check(KINDS["anggaran"], headers, body, imports.lookups(viewer=operator))
    assert [(p.column, p.value) for p in result.problems] == [("kode_mitra", "Kab. Indramayu")]


def test_the_import_audit_keeps_every_changed_row_old_and_new(database_url):
    import json
    from datetime import date

    import sqlalchemy as sa

    from data_access.store import audit
    from data_access.store.db import get_engine

    with get_engine().connect() as conn:
        villages = conn.execute(
            sa.text("SELECT id, code FROM village WHERE region_id = "
                    "(SELECT region_id FROM partner WHERE id = 1) ORDER BY id LIMIT 60")
        ).all()  # fmt: skip

    def events(women: int) -> list[dict]:
        return [
            {"partner_id": 1, "village_id": v.id, "held_on": date(2026, 2, 10), "year": 2026,
             "quarter": 1, "topic": "MIGRASI_AMAN", "participants_male": 20,
             "participants_female": women, "organiser": "Disnaker", "_row": n + 2}
            for n, v in enumerate(villages)
        ]  # fmt: skip

    for women in (25, 27):
        imports.apply(viewer=ADMIN, kind="sosialisasi", records=events(women),
                      file_name="s.csv", file_bytes=str(women).encode())  # fmt: skip
    assert len(audit.audit_entries(viewer=ADMIN, action="import")) == 2
    with get_engine().connect() as conn:
        rows = conn.execute(
            sa.text("SELECT file_row, row_key, old_values, new_values FROM import_row "
                    "WHERE audit_id = (SELECT MAX(id) FROM audit_log WHERE action = 'import')")
        ).all()  # fmt: skip
    assert len(rows) == 60  # every changed row, far beyond a sample
    first = rows[0]
    key = json.loads(first.row_key)
    assert key["partner_id"] == "32.12" and key["village_id"] == villages[0].code
    assert json.loads(first.old_values)["participants_female"] == 25
    assert json.loads(first.new_values)["participants_female"] == 27
