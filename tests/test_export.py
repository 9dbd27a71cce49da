"""Downloads are safe to open in a spreadsheet and carry their context."""

import io

import openpyxl
import pandas as pd

from ui.frame import export


def test_formula_cells_are_neutralised():
    frame = pd.DataFrame({"a": ["=1+1", "+62", "-x", "@SUM(A1)", "aman", None], "n": range(6)})
    out = export.neutralise(frame)
    assert out["a"].tolist() == ["'=1+1", "'+62", "'-x", "'@SUM(A1)", "aman", None]
    assert out["n"].tolist() == list(range(6))


def test_csv_has_bom_and_neutral_cells():
    data = export.to_csv(pd.DataFrame({"Mitra": ['=HYPERLINK("x")'], "Pagu": [1_500_000]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert "'=HYPERLINK" in data.decode("utf-8-sig")


def test_xlsx_has_data_and_info_sheets():
    frame = pd.DataFrame({"Mitra": ["Kab. Indramayu", "=cmd"], "Pagu": [2_134_000_000, 5]})
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, [("Periode", "TW I–IV 2025")])))
    assert book.sheetnames == ["Data", "Info"]
    data = book["Data"]
    assert [c.value for c in data[1]] == ["Mitra", "Pagu"]
    assert data["B2"].value == 2_134_000_000 and data["A3"].value == "'=cmd"
    assert [c.value for c in book["Info"][2]] == ["Periode", "TW I–IV 2025"]


def test_csv_context_is_the_first_line_and_the_table_follows():
    context = [("Tabel", "Serapan"), ("Data yang dihitung", "Hanya data yang sudah disetujui")]
    frame = pd.DataFrame({"Mitra": ["Kab. Indramayu", "=cmd"], "Pagu": [2_134_000_000, 5]})
    data = export.to_csv(frame, context)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == (
        "Tabel: Serapan · Data yang dihitung: Hanya data yang sudah disetujui · "
        "Format CSV: pemisah kolom titik koma, desimal koma"
    )
    back = pd.read_csv(io.BytesIO(data), skiprows=1, encoding="utf-8-sig", sep=";")
    assert back["Mitra"].tolist() == ["Kab. Indramayu", "'=cmd"]
    assert back["Pagu"].tolist() == [2_134_000_000, 5]


def test_csv_is_written_the_way_a_spreadsheet_in_the_language_reads_it():
    frame = pd.DataFrame({"Mitra": ["Kab. Indramayu"], "Serapan": [0.725], "Pagu": [1_562]})
    indonesian = export.to_csv(frame).decode("utf-8-sig").splitlines()
    assert indonesian == ["Mitra;Serapan;Pagu", "Kab. Indramayu;0,725;1562"]
    back = pd.read_csv(io.StringIO("\n".join(indonesian)), sep=";", decimal=",")
    assert back["Serapan"].tolist() == [0.725]
    english = export.to_csv(frame, lang="en").decode("utf-8-sig").splitlines()
    assert english == ["Mitra,Serapan,Pagu", "Kab. Indramayu,0.725,1562"]


def test_context_line_is_neutralised_too():
    data = export.to_csv(pd.DataFrame({"a": [1]}), [("=x", "y")]).decode("utf-8-sig")
    assert data.startswith("'=x: y")


def test_file_names_tell_modes_filters_and_demo_apart():
    both = export.file_stem(
        "Serapan per mitra", 2025, 4, [None, None], approved_only=None, demo=None
    )
    approved = export.file_stem(
        "Serapan per mitra", 2025, 4, [None, None], approved_only="hanya disetujui", demo=None
    )
    demo = export.file_stem(
        "Serapan per mitra",
        2025,
        2,
        ["pemda", "Jawa Barat"],
        approved_only=None,
        demo="Data contoh",
    )
    assert both == "serapan_per_mitra_2025_tw4"
    assert approved == "serapan_per_mitra_2025_tw4_hanya_disetujui"
    assert demo == "serapan_per_mitra_2025_tw2_pemda_jawa_barat_data_contoh"
