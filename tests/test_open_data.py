"""A province's open data in the long shape its portal publishes (kode_provinsi,
nama_provinsi, kode_kabupaten_kota, nama_kabupaten_kota, one measure, satuan, tahun): every
kabupaten/kota of the province is listed, partners or not; BPS codes name them."""

import pandas as pd
import pytest

from core.imports.column_mapping import ignored, suggest
from core.imports.import_kinds import OUTCOME_FIELDS
from core.imports.importing import KINDS, check, read_table
from data_access.figures import outcomes
from data_access.imports import imports
from tests.viewers import ADMIN, STAFF

HEADER = (
    "kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,{measure},satuan,tahun\n"
)
ROWS = (
    "32,JAWA BARAT,3209,KABUPATEN CIREBON,{a},{unit},2024\n"
    "32,JAWA BARAT,32.12,KABUPATEN INDRAMAYU,{b},{unit},2024\n"
    "32,JAWA BARAT,3271,KOTA BOGOR,{c},{unit},2024\n"
)


def open_data(measure: str, unit: str, a: int, b: int, c: int) -> tuple[list, list]:
    text = HEADER.format(measure=measure) + ROWS.format(unit=unit, a=a, b=b, c=c)
    return read_table("data_terbuka.csv", text.encode())


@pytest.mark.parametrize(
    "measure, field, unit",
    [
        ("jumlah_penempatan_pmi", "penempatan", "ORANG"),
        ("jumlah_pengaduan", "pengaduan", "KASUS"),
        ("pmi_purna", "purna_difasilitasi", "Jiwa"),
        ("jumlah_peserta_sosialisasi", "peserta_sosialisasi", "ORANG"),
        ("jumlah_cpmi_dilatih", "peserta_pelatihan", "orang"),
        ("realisasi_anggaran_pelatihan", "realisasi_anggaran", "RUPIAH"),
    ],
)
def test_the_long_shape_maps_its_measure_and_leaves_other_areas_out(
    database_url, measure, field, unit
):
    headers, rows = open_data(measure, unit, 20_544, 18_310, 1_200)
    spec = KINDS["luaran"]
    found = suggest(spec, headers)
    assert {name: headers[p] for name, p in found.items()} == {
        "kode_mitra": "kode_kabupaten_kota",
        "tahun": "tahun",
        field: measure,
        "satuan": "satuan",
    }
    assert ignored(headers, found) == ["kode_provinsi", "nama_provinsi", "nama_kabupaten_kota"]
    got = check(spec, headers, rows, imports.lookups(viewer=ADMIN))
    assert got.problems == []
    assert got.outside == [(4, "KOTA BOGOR")]  # on the area list, no partner: left out
    # Figures far from the stored ones are warnings to confirm, as in any import.
    imports.apply(viewer=ADMIN, kind="luaran", records=got.records, file_name="data.csv",
                  file_bytes=b"x", warnings=1, confirmed=True)  # fmt: skip
    shown = outcomes.outcomes_by_partner(viewer=STAFF, years=(2024,)).set_index("code")
    column = OUTCOME_FIELDS[field]
    assert shown.loc[["32.09", "32.12"], column].tolist() == [20_544, 18_310]


def test_a_unit_that_is_not_the_measures_refuses_the_row(database_url):
    headers, rows = open_data("jumlah_penempatan_pmi", "RIBU ORANG", 20, 18, 1)
    got = check(KINDS["luaran"], headers, rows, imports.lookups(viewer=ADMIN))
    assert [(p.row, p.column, p.value) for p in got.problems] == [
        (2, "satuan", "RIBU ORANG"),
        (3, "satuan", "RIBU ORANG"),
    ]
    assert "satuan tidak sesuai untuk penempatan" in got.problems[0].problem
    headers, rows = open_data("jumlah_pengaduan", "orang", 2, 1, 1)
    got = check(KINDS["luaran"], headers, rows, imports.lookups(viewer=ADMIN))
    assert {p.column for p in got.problems} == {"satuan"}  # complaints are counted in cases
    wrong = [("jumlah_peserta_pelatihan", "RIBU ORANG"), ("realisasi_anggaran", "RIBU RUPIAH"),
             ("realisasi_anggaran", "orang")]  # fmt: skip
    for measure, unit in wrong:
        headers, rows = open_data(measure, unit, 2, 1, 1)
        got = check(KINDS["luaran"], headers, rows, imports.lookups(viewer=ADMIN))
        assert {p.column for p in got.problems} == {"satuan"}, unit


def test_an_unknown_area_is_still_an_error(database_url):
    text = HEADER.format(measure="jumlah_penempatan_pmi") + "32,JAWA BARAT,3299,X,5,ORANG,2024\n"
    headers, rows = read_table("d.csv", text.encode())
    got = check(KINDS["luaran"], headers, rows, imports.lookups(viewer=ADMIN))
    assert got.outside == [] and [p.column for p in got.problems] == ["kode_mitra"]


def test_the_import_page_lists_the_areas_left_out(database_url):
    from tests.apptest import open_page, start

    text = HEADER.format(measure="jumlah_penempatan_pmi") + ROWS.format(
        unit="ORANG", a=20_544, b=18_310, c=1_200
    )
    at = open_page(start("admin"), "pages/impor_data.py")
    at.selectbox(key="w_import_kind").set_value("luaran").run()
    at.file_uploader(key="w_import_file_luaran").set_value(
        ("data_terbuka.csv", text.encode(), "text/csv")
    ).run()
    assert not at.exception
    assert any("bukan mitra dilewati" in c.value for c in at.caption)
    assert any(t.value == "4 (KOTA BOGOR)" for t in at.text)
    assert [m.value for m in at.metric] == ["0", "2", "0"]  # two partners: their 2024 rows change


def _quarterly_sums(partner_code: str, year: int) -> dict[str, int]:
    """Participants, registered trainees and realisasi of a partner's year from the source
    rows of the approved version: events, and quarter totals of quarters without events."""
    from sqlalchemy import text

    from data_access.store.db import get_engine

    def rows(sql: str) -> list:
        where = " WHERE partner_id = :p AND year = :y AND layer = 0"
        return conn.execute(text(sql + where), {"p": pid, "y": year}).all()

    with get_engine().connect() as conn:
        pid = conn.execute(text("SELECT id FROM partner WHERE code = :c"), {"c": partner_code})
        pid = pid.scalar_one()
        events = rows("SELECT quarter, participants_male + participants_female "
                      "FROM socialization_event")  # fmt: skip
        totals = rows("SELECT quarter, participants_male + participants_female "
                      "FROM socialization_total")  # fmt: skip
        trained = rows("SELECT registered FROM training_cohort")
        spent = rows("SELECT realisasi_rp FROM training_budget")
    with_events = {q for q, _ in events}
    people = sum(n for _, n in events) + sum(n for q, n in totals if q not in with_events)
    return {
        "socialization_participants": people,
        "trainees": sum(n for (n,) in trained),
        "budget_spent_rp": sum(n for (n,) in spent),
    }


PUBLISHED = {  # measure column, unit, the figures of Cirebon, Indramayu and Kota Bogor
    "socialization_participants": ("jumlah_peserta_sosialisasi", "orang", 9_000, 7_000, 5),
    "trainees": ("jumlah_peserta_pelatihan", "ORANG", 300, 250, 5),
    "budget_spent_rp": ("realisasi_anggaran_pelatihan", "Rupiah", 1_500_000_000, 980_000_000, 5),
}


def test_yearly_figures_stand_beside_the_quarterly_ones_and_are_never_added(database_url):
    from core.figures.indicators import add_yearly_gaps
    from data_access.figures import budget, socialization

    def counted():
        return (
            socialization.coverage_by_partner(viewer=STAFF, year=2024, quarter=4),
            socialization.events_by_quarter(viewer=STAFF),
            budget.training_by_partner(viewer=STAFF, year=2024, quarter=4),
            budget.budget_by_partner(viewer=STAFF, year=2024, quarter=4),
            budget.budget_by_quarter(viewer=STAFF),
        )

    before = counted()
    for measure, unit, *figures in PUBLISHED.values():
        headers, rows = open_data(measure, unit, *figures)
        got = check(KINDS["luaran"], headers, rows, imports.lookups(viewer=ADMIN))
        assert got.problems == []
        imports.apply(viewer=ADMIN, kind="luaran", records=got.records, file_name="d.csv",
                      file_bytes=measure.encode())  # fmt: skip
    # The quarterly figures, everywhere they are counted, did not move.
    for was, now in zip(before, counted(), strict=True):
        assert now.equals(was)
    # The placements the partners had stay as they were: only the published measures changed.
    shown = outcomes.outcomes_by_partner(viewer=STAFF, years=(2024,)).set_index("code")
    for column, (_, _, cirebon, indramayu, _) in PUBLISHED.items():
        assert shown.loc[["32.09", "32.12"], column].tolist() == [cirebon, indramayu]
    assert (shown["placements"] > 0).all()
    for n, code in enumerate(("32.09", "32.12")):
        pid = int(shown.loc[code, "partner_id"])
        by_hand = _quarterly_sums(code, 2024)
        for verified_only in (True, False):
            got = add_yearly_gaps(
                outcomes.yearly_beside_quarterly(
                    viewer=STAFF, partner_id=pid, years=(2023, 2024), verified_only=verified_only
                )
            ).set_index(["year", "measure"])
            assert got.index.tolist() == [(y, c) for y in (2023, 2024) for c in PUBLISHED]
            for column, (*_, cirebon, indramayu, _) in PUBLISHED.items():
                row = got.loc[(2024, column)]
                published = (cirebon, indramayu)[n]
                assert by_hand[column] > 0
                assert row["quarterly"] == by_hand[column]
                assert row["published"] == published
                assert row["gap"] == published - by_hand[column]
                assert row["quarters"] == 4
                assert got.loc[(2023, column), "published"] is pd.NA  # none for 2023
                assert got.loc[(2023, column), "gap"] is pd.NA


def test_a_partner_sees_its_own_yearly_figures_only(database_url):
    from data_access.store.access import AccessDenied, Viewer

    with pytest.raises(AccessDenied):
        outcomes.yearly_beside_quarterly(viewer=Viewer("mitra", 1), partner_id=2, years=(2024,))
    own = outcomes.yearly_beside_quarterly(viewer=Viewer("mitra", 1), years=(2024,))
    staff = outcomes.yearly_beside_quarterly(viewer=STAFF, partner_id=1, years=(2024,))
    assert own.equals(staff) and (own["quarterly"] > 0).all()


def test_the_profile_shows_both_figures_with_their_difference(database_url):
    from tests.apptest import open_page, start

    headers, rows = open_data("jumlah_peserta_sosialisasi", "orang", 9_000, 7_000, 5)
    got = check(KINDS["luaran"], headers, rows, imports.lookups(viewer=ADMIN))
    imports.apply(viewer=ADMIN, kind="luaran", records=got.records, file_name="d.csv",
                  file_bytes=b"y")  # fmt: skip
    at = start("pimpinan")
    at.query_params["mitra"] = "32.12"
    at = open_page(at, "pages/profil_mitra.py")
    assert not at.exception
    assert "Angka tahunan mitra dan laporan triwulan" in [s.value for s in at.subheader]
    yearly = next(d.value for d in at.dataframe if "Angka tahunan mitra" in d.value)
    rows = yearly[yearly["Tahun"] == "2024"].set_index("Angka")
    by_hand = _quarterly_sums("32.12", 2024)

    def dotted(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    people = rows.loc["Peserta sosialisasi (orang)"]
    assert people["Angka tahunan mitra"] == "7.000"
    assert people["Jumlah laporan triwulan"] == dotted(by_hand["socialization_participants"])
    assert people["Selisih"] == dotted(7_000 - by_hand["socialization_participants"])
    spent = rows.loc["Realisasi anggaran pelatihan (Rp)"]
    assert spent["Jumlah laporan triwulan"] == dotted(by_hand["budget_spent_rp"])
    assert spent["Angka tahunan mitra"] == spent["Selisih"] == "–"  # not published
