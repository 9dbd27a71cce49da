"""Workbooks as regional offices keep them: title rows above the column names, a group
heading merged over two columns, TOTAL and JUMLAH rows among the data. The table is found
where it is, the totals are left out, and the figures arrive as in the template."""

import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from core.imports.column_mapping import known_names, suggest
from core.imports.importing import KINDS, check, read_sheet, read_table
from core.imports.table_layout import locate, total_label
from data_access.figures import budget
from data_access.imports import imports
from tests.viewers import ADMIN, STAFF


def office_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["LAPORAN REALISASI ANGGARAN PELATIHAN CPMI"])
    sheet.merge_cells("A1:G1")
    sheet.append(["Dinas Tenaga Kerja Kabupaten Kepulauan Talaud"])
    sheet.append(["Semester I / TW II TA 2026"])
    sheet.append([])
    sheet.append(
        ["Kode Mitra", "Tahun", "Triwulan", "Sumber Dana", "Anggaran", None, "Target Peserta"]
    )
    sheet.merge_cells("E5:F5")  # a group heading over pagu and realisasi
    sheet.append([None, None, None, None, "Pagu", "Realisasi"])
    sheet.append(["71.04", 2026, 2, "APBD", "=200000000*2", 90_000_000, 40])
    sheet.append(["71.04", 2026, 2, "APBN", 100_000_000, 10_000_000, 5])
    sheet.append(["JUMLAH", None, None, None, "=SUM(E7:E8)", "=SUM(F7:F8)", "=SUM(G7:G8)"])
    out = io.BytesIO()
    book.save(out)
    # As Excel saves it: each formula with the value it computed.
    data = out.getvalue()
    for formula, value in SAVED.items():
        data = _widened(data, f"<f>{formula}</f><v></v>".encode(),
                        f"<f>{formula}</f><v>{value}</v>".encode())  # fmt: skip
    return data


SAVED = {"200000000*2": 400_000_000, "SUM(E7:E8)": 500_000_000, "SUM(F7:F8)": 100_000_000,
         "SUM(G7:G8)": 45}  # fmt: skip


def test_an_office_workbook_is_read_from_its_own_layout(database_url):
    sheet = read_sheet("laporan.xlsx", office_workbook())
    assert sheet.formulas == ["E7", "E9", "F9", "G9"]  # read from the values Excel saved
    got = check(KINDS["anggaran"], sheet.headers, sheet.rows, imports.lookups(viewer=ADMIN))
    assert got.problems == []
    assert got.header_row == 6  # the two rows 5–6 combined
    assert got.context == [
        "LAPORAN REALISASI ANGGARAN PELATIHAN CPMI",
        "Dinas Tenaga Kerja Kabupaten Kepulauan Talaud",
        "Semester I / TW II TA 2026",
    ]
    assert got.totals == [(9, "JUMLAH")]
    assert [(r["fund_source"], r["pagu_rp"], r["realisasi_rp"]) for r in got.records] == [
        ("APBD", 400_000_000, 90_000_000),
        ("APBN", 100_000_000, 10_000_000),
    ]
    imports.apply(
        viewer=ADMIN, kind="anggaran", records=got.records, file_name="laporan.xlsx",
        file_bytes=office_workbook(),
    )  # fmt: skip
    shown = budget.budget_by_partner(viewer=STAFF, year=2026, quarter=2).set_index("code")
    # Hand-computed: two sources, the JUMLAH row not counted a second time.
    assert shown.loc["71.04", ["pagu_rp", "realisasi_rp"]].tolist() == [500_000_000, 100_000_000]


def test_a_csv_with_a_title_line_and_a_total_row():
    text = (
        "Rekap anggaran pelatihan 2026;;;;;;\n"
        ";;;;;;\n"
        "kode_mitra;tahun;triwulan;sumber_dana;pagu;realisasi;target_peserta\n"
        "71.04;2026;2;APBD;400000000;90000000;40\n"
        "Total;;;;400000000;90000000;40\n"
    )
    headers, rows = read_table("r.csv", text.encode())
    names = known_names(KINDS["anggaran"])
    layout = locate(headers, rows, names)
    assert layout.header_row == 3 and layout.context == ["Rekap anggaran pelatihan 2026"]
    assert [n for n, _ in layout.rows] == [4, 5]
    assert total_label(layout.rows[1][1]) == "TOTAL"
    assert total_label(layout.rows[0][1]) is None


def test_a_template_file_keeps_its_first_row_as_header():
    header = ["kode_mitra", "tahun", "triwulan", "sumber_dana", "pagu", "realisasi"]
    rows = [(2, ["71.04", 2026, 2, "APBD", 1, 1])]
    names = known_names(KINDS["anggaran"])
    layout = locate(header, rows, names)
    assert (layout.header_row, layout.headers, layout.rows) == (1, header, rows)


TITLE = st.text(alphabet="xyzqw .:/-0123456789", min_size=1, max_size=40)


@given(titles=st.lists(TITLE, max_size=6), blank_lines=st.integers(0, 2))
def test_the_header_is_found_below_any_title_rows(titles, blank_lines):
    header = ["kode_mitra", "tahun", "triwulan", "sumber_dana", "pagu", "realisasi"]
    table = [[t] for t in titles] + [[None]] * blank_lines + [header, ["71.04", 2026, 2]]
    numbered = [(n, cells) for n, cells in enumerate(table, start=1)]
    (_, first), body = numbered[0], numbered[1:]
    names = known_names(KINDS["anggaran"])
    layout = locate(first, body, names)
    assert layout.headers[:6] == header
    assert layout.rows == [(len(table), ["71.04", 2026, 2])]


@given(word=st.sampled_from(["TOTAL", "Jumlah", "SUBTOTAL", "Sub Total", "grand total", "JML"]))
def test_total_rows_are_known_whatever_the_case(word):
    assert total_label([word, None, 5]) is not None
    assert total_label(["71.04", word, 5]) is not None  # in one of the first three cells
    assert total_label(["71.04", 2026, 2, word]) is None


def _book(build) -> bytes:
    book = Workbook()
    build(book.active)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _widened(data: bytes, old: bytes, new: bytes) -> bytes:
    """The workbook with one merged range rewritten in its sheet (a range no spreadsheet
    program would write, which a hostile file may)."""
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(old, new)
            target.writestr(item, body)
    return out.getvalue()


def test_merged_cells_cost_what_a_title_costs():
    """Merged ranges are spread only over the title and header rows and only up to the
    column limit; a sheet of more than MAX_MERGED ranges is refused before it is read."""
    import pytest

    from core.imports.import_files import FileProblem
    from core.imports.xlsx_files import MAX_MERGED

    def wide(sheet):
        sheet.append(["kode_mitra", "tahun", "triwulan", "sumber_dana", "pagu", "realisasi"])
        sheet.append(["71.04", 2026, 2, "APBD", 1, 1])
        sheet.merge_cells("H1:I2")  # widened below, past the rows and columns that exist

    headers, rows = read_table("wide.xlsx", _widened(_book(wide), b"H1:I2", b"H1:ZZ300000"))
    assert headers[:6] == ["kode_mitra", "tahun", "triwulan", "sumber_dana", "pagu", "realisasi"]
    assert len(headers) <= 100 and all(len(cells) <= 100 for _, cells in rows)
    assert len(rows) == 1

    def one(sheet):
        sheet.append(["kode_mitra", "pagu"])
        sheet.merge_cells("A2:B2")

    ranges = b"".join(b'<mergeCell ref="A%d:B%d"/>' % (r, r) for r in range(2, MAX_MERGED + 3))
    many = _widened(_book(one), b'<mergeCell ref="A2:B2"/>', ranges)
    with pytest.raises(FileProblem, match="lebih dari 10000 rentang sel"):
        read_table("many.xlsx", many)


def test_a_formula_saved_without_its_value_is_refused_in_a_sentence():
    import pytest

    from core.imports.import_files import FileProblem

    def unsaved(sheet):
        sheet.append(["kode_mitra", "tahun", "triwulan", "sumber_dana", "pagu", "realisasi"])
        sheet.append(["71.04", 2026, 2, "APBD", "=1+1", 1])

    with pytest.raises(FileProblem, match=r"Sel E2 berisi rumus \(=1\+1\) tanpa nilai"):
        read_table("u.xlsx", _book(unsaved))


def test_a_sheet_of_formulas_is_refused_before_any_is_looked_up():
    import pytest

    from core.imports.import_files import FileProblem
    from core.imports.xlsx_files import MAX_FORMULAS

    def formulas(sheet):
        sheet.append(["kode_mitra", "pagu"])
        for _ in range(MAX_FORMULAS // 2 + 1):
            sheet.append(["=1", "=2"])

    with pytest.raises(FileProblem, match="lebih dari 10.000 sel berumus"):
        read_table("f.xlsx", _book(formulas))


def period_free_workbook() -> bytes:
    """The office workbook without year and quarter columns: the title says them."""

    def build(sheet):
        sheet.append(["LAPORAN REALISASI ANGGARAN PELATIHAN CPMI"])
        sheet.append(["Semester I / TW II TA 2026"])
        sheet.append(["Kode Mitra", "Sumber Dana", "Anggaran", None, "Target Peserta"])
        sheet.merge_cells("C3:D3")
        sheet.append([None, None, "Pagu", "Realisasi"])
        sheet.append(["71.04", "APBD", 400_000_000, 90_000_000, 40])
        sheet.append(["TOTAL", None, 400_000_000, 90_000_000, 40])

    return _book(build)


def test_the_title_suggests_the_period_a_file_lacks():
    from core.imports.importing import lacking_file_wide
    from core.imports.table_layout import period_from_title

    assert period_from_title(["Semester I / TW II TA 2026"]) == {"tahun": 2026, "triwulan": 2}
    assert period_from_title(["Laporan Triwulan 4 Tahun Anggaran 2025"]) == {
        "tahun": 2025, "triwulan": 4
    }  # fmt: skip
    assert period_from_title(["Rekap tahun 2026"]) == {"tahun": 2026}
    assert period_from_title(["Laporan kegiatan"]) == {}
    spec = KINDS["anggaran"]
    found = suggest(spec, ["kode_mitra", "sumber_dana", "pagu"])
    assert lacking_file_wide(spec, found) == ["tahun", "triwulan"]
    assert lacking_file_wide(spec, suggest(spec, ["Kab/Kota", "Tahun Anggaran", "TW"])) == []
    assert lacking_file_wide(spec, suggest(spec, ["Kab/Kota", "TW"])) == ["tahun"]


def test_a_file_without_period_columns_imports_for_the_period_chosen_once(database_url):
    from tests.apptest import open_page, start

    at = open_page(start("admin"), "pages/impor_data.py")
    at.file_uploader(key="w_import_file_anggaran").set_value(
        ("laporan.xlsx", period_free_workbook(), "application/octet-stream")
    ).run()
    assert not at.exception
    assert at.number_input(key="w_import_fixed_year").value == 2026  # from the title
    assert at.selectbox(key="w_import_fixed_quarter").value == 2
    at.selectbox(key="w_import_fixed_quarter").set_value(1).run()  # the person decides
    at = at.button(key="w_import_go").click().run()
    assert not at.exception
    shown = budget.budget_by_partner(viewer=STAFF, year=2026, quarter=1).set_index("code")
    assert shown.loc["71.04", ["pagu_rp", "realisasi_rp"]].tolist() == [400_000_000, 90_000_000]
    assert shown.loc["71.04", "target_trainees"] == 40
