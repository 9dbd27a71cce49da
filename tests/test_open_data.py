"""A province's open data in the long shape its portal publishes (kode_provinsi,
nama_provinsi, kode_kabupaten_kota, nama_kabupaten_kota, one measure, satuan, tahun): every
kabupaten/kota of the province is listed, partners or not; BPS codes name them."""

import pytest

from core.column_mapping import ignored, suggest
from core.importing import KINDS, check, read_table
from data_access import imports, outcomes
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
    column = {"penempatan": "placements", "pengaduan": "complaints",
              "purna_difasilitasi": "returns_facilitated"}[field]  # fmt: skip
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
