"""A regional office's own workbook: a cover sheet before the table, title rows naming the
period, a two-row header with the office's column names, a JUMLAH row typed by hand. The
columns are mapped from the synonym lists, whatever the case, spacing, punctuation, order or
extra columns; the mapping used is remembered; the figures on the pages afterwards equal the
ones computed by hand from the workbook."""

import hashlib
import io
import threading
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from core.imports.column_mapping import (
    as_names,
    best_remembered,
    ignored,
    squeeze,
    suggest,
    synonyms,
)
from core.imports.importing import KINDS, check, layout_of, read_sheet
from core.imports.table_layout import period_from_title
from data_access.figures import budget
from data_access.imports import import_mappings, imports
from data_access.store.db import get_engine
from tests.viewers import ADMIN, STAFF

OFFICE_HEADER = ["No", "Kode Wil.", "Kab/Kota", "Sumber Dana", "Anggaran", None, "Jml Peserta",
                 "Ket."]  # fmt: skip
# (row, formula, the value Excel saved with it)
SAVED = [("E9", "SUM(E7:E8)", 500_000_000), ("F9", "SUM(F7:F8)", 170_000_000)]


def office_workbook(period: str = "Semester I / TW II TA 2026") -> bytes:
    """Two sheets: a cover note, then the table under a title naming `period`; the JUMLAH
    row's pagu and realisasi are formulas with saved values, its trainee count typed by hand
    (50, where the rows give 45)."""
    book = Workbook()
    cover = book.active
    cover.title = "Petunjuk"
    cover.append(["Petunjuk pengisian"])
    cover.append(["Isi lembar TW II; jangan ubah judul kolom."])
    sheet = book.create_sheet("TW II")
    sheet.append(["LAPORAN REALISASI ANGGARAN PELATIHAN CALON PMI"])
    sheet.merge_cells("A1:H1")
    sheet.append(["DINAS TENAGA KERJA KABUPATEN KEPULAUAN TALAUD"])
    sheet.append([period])
    sheet.append([])
    sheet.append(OFFICE_HEADER)
    sheet.merge_cells("E5:F5")  # "Anggaran" over Alokasi and Realisasi
    sheet.append([None, None, None, None, "Alokasi", "Realisasi s.d. Triwulan"])
    sheet.append([1, "71.04", "Kab. Kepulauan Talaud", "APBD", 400_000_000, 150_000_000, 40, ""])
    sheet.append([2, "71.04", "Kab. Kepulauan Talaud", "APBN", 100_000_000, 20_000_000, 5,
                  "dana dekonsentrasi"])  # fmt: skip
    sheet.append(["JUMLAH", None, None, None, "=SUM(E7:E8)", "=SUM(F7:F8)", 50, None])
    out = io.BytesIO()
    book.save(out)
    return _saved(out.getvalue())


def _saved(data: bytes) -> bytes:
    """The workbook as Excel saves it: each formula with the value it computed."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            for _, formula, value in SAVED:
                body = body.replace(f"<f>{formula}</f><v></v>".encode(),
                                    f"<f>{formula}</f><v>{value}</v>".encode())  # fmt: skip
            target.writestr(item, body)
    return out.getvalue()


def test_the_office_columns_are_suggested_and_the_rest_listed_as_ignored():
    spec = KINDS["anggaran"]
    headers = [*OFFICE_HEADER[:5], "Realisasi s.d. Triwulan", *OFFICE_HEADER[6:]]
    headers[4] = "Alokasi"
    found = suggest(spec, headers)
    assert {name: headers[p] for name, p in found.items()} == {
        "kode_mitra": "Kode Wil.",  # named before "Kab/Kota" in the list: the code wins
        "sumber_dana": "Sumber Dana",
        "pagu": "Alokasi",
        "realisasi": "Realisasi s.d. Triwulan",
        "target_peserta": "Jml Peserta",
    }
    assert ignored(headers, found) == ["No", "Kab/Kota", "Ket."]


def test_the_workbook_is_read_from_its_second_sheet_with_the_period_of_its_title(database_url):
    from core.imports.import_files import sheet_names

    data = office_workbook()
    assert sheet_names("tw2.xlsx", data) == ["Petunjuk", "TW II"]
    cover = read_sheet("tw2.xlsx", data)  # the first sheet holds no table
    with pytest.raises(ValueError, match="Kolom wajib tidak ditemukan"):
        check(KINDS["anggaran"], cover.headers, cover.rows, imports.lookups(viewer=ADMIN))
    sheet = read_sheet("tw2.xlsx", data, 1)
    assert sheet.formulas == ["E9", "F9"]
    spec = KINDS["anggaran"]
    layout = layout_of(spec, sheet.headers, sheet.rows)
    assert layout.header_row == 6
    assert period_from_title(layout.context) == {"tahun": 2026, "triwulan": 2}
    mapping = suggest(spec, layout.headers)
    assert "tahun" not in mapping and "triwulan" not in mapping  # set once for the file
    got = check(spec, sheet.headers, sheet.rows, imports.lookups(viewer=ADMIN),
                fixed={"tahun": 2026, "triwulan": 2}, mapping=mapping)  # fmt: skip
    assert got.problems == [] and got.cumulative_header
    assert got.totals == [(9, "JUMLAH")]
    # The typed total disagrees with its rows: a warning on that figure only.
    assert [(w.row, w.column, w.value) for w in got.warnings] == [(9, "target_peserta", "50")]
    assert "jumlah baris di atasnya (45)" in got.warnings[0].problem
    assert [(r["fund_source"], r["pagu_rp"], r["realisasi_rp"], r["target_trainees"])
            for r in got.records] == [
        ("APBD", 400_000_000, 150_000_000, 40),
        ("APBN", 100_000_000, 20_000_000, 5),
    ]  # fmt: skip
    imports.apply(
        viewer=ADMIN, kind="anggaran", records=got.records, file_name="tw2.xlsx",
        file_bytes=data, warnings=len(got.warnings), confirmed=True, cumulative=True,
        columns=as_names(layout.headers, mapping),
    )  # fmt: skip
    shown = budget.budget_by_partner(viewer=STAFF, year=2026, quarter=2).set_index("code")
    # By hand from the workbook: pagu 400 + 100 million; realisasi through TW II 150 + 20.
    assert shown.loc["71.04", ["pagu_rp", "realisasi_rp"]].tolist() == [500_000_000, 170_000_000]
    assert import_mappings.remembered(viewer=ADMIN, kind="anggaran") == [
        {"kode_mitra": "Kode Wil.", "sumber_dana": "Sumber Dana", "pagu": "Alokasi",
         "realisasi": "Realisasi s.d. Triwulan", "target_peserta": "Jml Peserta"}
    ]  # fmt: skip


def test_a_row_that_sums_the_rows_above_is_left_out_without_a_word():
    from core.imports.import_files import read_table

    text = (
        "kode_mitra;tahun;triwulan;sumber_dana;pagu;realisasi;target_peserta\n"
        "71.04;2026;2;APBD;400000000;90000000;40\n"
        "71.04;2026;2;APBN;100000000;10000000;5\n"
        ";;;;500000000;100000000;45\n"
    )
    headers, rows = read_table("r.csv", text.encode())
    spec = KINDS["anggaran"]
    got = check(spec, headers, rows, _no_lookups(), fixed={})
    assert got.totals == [(4, "")] and got.warnings == [] and len(got.records) == 2
    # A row without names that does not sum the rows above is an error, not a total.
    bad = text.replace(";;;;500000000;100000000;45", ";;;;500000000;99000000;45")
    headers, rows = read_table("r.csv", bad.encode())
    got = check(spec, headers, rows, _no_lookups(), fixed={})
    assert got.totals == [] and {p.row for p in got.problems} == {4}


def _no_lookups():
    from core.imports.importing import Lookups
    from core.text import parse

    partner = {"partner_id": 1, "code": "71.04", "name": "Kabupaten Kepulauan Talaud",
               "short_name": "Kab. Kepulauan Talaud", "partner_type": "pemda",
               "kemendagri_code": "71.04", "bps_code": "7104"}  # fmt: skip
    return Lookups(parse.PartnerNames([partner]), {1: 1}, {})


def test_no_name_means_two_fields_of_one_kind():
    """The lists are unambiguous within a kind: a column name fits one field at most."""
    for spec in KINDS.values():
        owners: dict[str, str] = {}
        for name, names in synonyms(spec).items():
            for key in names:
                assert owners.setdefault(key, name) == name, (spec.key, key)


EXTRAS = ["No", "No.", "Ket.", "Keterangan", "Uraian", "Catatan Pelaksana", "Kolom Tambahan"]


def _variant(draw, text: str) -> str:
    """The same name as an office might write it: any case, spaces and punctuation."""
    out = []
    for ch in text:
        ch = ch.upper() if draw(st.booleans()) else ch.lower()
        out.append(ch + draw(st.sampled_from(["", "", "", " ", ".", "/", "-", "_", "  "])))
    return draw(st.sampled_from(["", " ", "*"])) + "".join(out)


@st.composite
def office_headers(draw):
    spec = KINDS[draw(st.sampled_from(sorted(KINDS)))]
    lists = synonyms(spec)
    chosen = {name: draw(st.sampled_from(names)) for name, names in lists.items()}
    fields = draw(st.lists(st.sampled_from(sorted(lists)), unique=True, min_size=1))
    columns = [(name, _variant(draw, chosen[name])) for name in fields]
    columns += [(None, e) for e in draw(st.lists(st.sampled_from(EXTRAS), max_size=3))]
    order = draw(st.permutations(range(len(columns))))
    return spec, [columns[i] for i in order]


@given(office_headers())
def test_any_case_spacing_punctuation_order_or_extra_columns_give_the_same_mapping(case):
    spec, columns = case
    headers = [text for _, text in columns]
    found = suggest(spec, headers)
    assert {name: columns[p][0] for name, p in found.items()} == {
        name: name for name, _ in columns if name
    }
    assert sorted(map(squeeze, ignored(headers, found))) == sorted(
        squeeze(text) for name, text in columns if name is None and squeeze(text)
    )


def test_the_mapping_used_before_comes_first():
    spec = KINDS["anggaran"]
    headers = ["Kode Wil.", "Sumber", "Alokasi", "Anggaran Murni", "Realisasi", "Target"]
    assert headers[suggest(spec, headers)["pagu"]] == "Alokasi"
    before = [{"pagu": "Pagu Induk"}, {"pagu": "ANGGARAN MURNI", "realisasi": "Realisasi"}]
    remembered = best_remembered(spec, headers, before)
    assert remembered == before[1]  # the one that finds its columns in this file
    assert headers[suggest(spec, headers, remembered)["pagu"]] == "Anggaran Murni"
    assert best_remembered(spec, headers, [{"pagu": "Pagu Induk"}]) == {}


def test_a_partner_recalls_its_own_mapping_and_two_imports_at_once_keep_one(database_url):
    from data_access.imports.import_mappings import _remember
    from data_access.store.access import Viewer

    barrier = threading.Barrier(2)
    errors = []

    def save(columns):
        try:
            barrier.wait(timeout=10)
            with get_engine().begin() as conn:
                _remember(conn, actor="mitra-7104", kind="anggaran", partner_ids={16},
                          columns=columns)  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=({"pagu": f"Pagu {n}"},)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    own = import_mappings.remembered(viewer=Viewer("mitra", 16, "mitra-7104"), kind="anggaran")
    assert len(own) == 1 and own[0]["pagu"] in ("Pagu 1", "Pagu 2")
    other = Viewer("mitra", 3, "mitra-x")
    assert import_mappings.remembered(viewer=other, kind="anggaran") == []
    assert import_mappings.remembered(viewer=ADMIN, kind="sosialisasi") == []


def test_the_import_page_maps_chooses_the_sheet_and_imports(database_url):
    from tests.apptest import open_page, start

    data = office_workbook()
    tag = hashlib.sha256(data).hexdigest()[:12]
    at = open_page(start("admin"), "pages/impor_data.py")
    at.file_uploader(key="w_import_file_anggaran").set_value(
        ("tw2.xlsx", data, "application/octet-stream")
    ).run()
    assert not at.exception
    assert "Kolom wajib tidak ditemukan" in at.error[0].value  # the cover sheet first
    at.selectbox(key=f"w_import_sheet_{tag}").set_value(1).run()
    tag = f"{tag}_1"
    assert at.selectbox(key=f"w_import_map_anggaran_pagu_{tag}").value == 4  # Alokasi
    assert at.selectbox(key=f"w_import_map_anggaran_tahun_{tag}").value is None
    assert at.number_input(key="w_import_fixed_year").value == 2026  # from the title
    assert at.selectbox(key="w_import_fixed_quarter").value == 2
    assert any("Ket." in t.value and "Kab/Kota" in t.value for t in at.text)  # ignored
    # A person takes "Ket." for nothing and pagu from nowhere: the page says what is missing.
    at.selectbox(key=f"w_import_map_anggaran_pagu_{tag}").select_index(0).run()  # none
    assert "Kolom wajib tidak ditemukan: pagu" in at.error[0].value
    at.selectbox(key=f"w_import_map_anggaran_pagu_{tag}").set_value(4).run()
    assert at.radio(key="w_import_basis").value == "cumulative"  # "s.d. Triwulan"
    assert at.button(key="w_import_go").disabled  # the JUMLAH warning is confirmed first
    report = next(d.value for d in at.dataframe if "Kolom" in d.value.columns)
    assert report[["Baris", "Kolom"]].values.tolist() == [[9, "Jml Peserta"]]  # as in the file
    at.checkbox(key="w_import_confirm").check().run()
    at = at.button(key="w_import_go").click().run()
    assert not at.exception and at.success
    shown = budget.budget_by_partner(viewer=STAFF, year=2026, quarter=2).set_index("code")
    assert shown.loc["71.04", ["pagu_rp", "realisasi_rp"]].tolist() == [500_000_000, 170_000_000]
    # The next file of this layout starts from the mapping used.
    remembered = import_mappings.remembered(viewer=ADMIN, kind="anggaran")
    assert remembered[0]["pagu"] == "Alokasi"


def test_a_broken_synonyms_file_is_named_in_a_sentence(tmp_path, monkeypatch):
    from core.imports.import_files import FileProblem

    broken = tmp_path / "kolom.toml"
    broken.write_text('[anggaran]\npagu = "Pagu"\n')
    monkeypatch.setenv("IMPORT_COLUMNS_CONFIG", str(broken))
    with pytest.raises(FileProblem, match=r"bagian \[anggaran\] harus berisi daftar"):
        suggest(KINDS["anggaran"], ["Pagu"])
    broken.write_text("[anggaran\n")
    with pytest.raises(FileProblem, match="tidak dapat dibaca"):
        suggest(KINDS["anggaran"], ["Pagu"])
