"""Importing files: what is refused (with a row-by-row report), all or nothing, idempotence,
the open-data long shape, and the round trip template → filled → import → dashboard."""

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from core.imports.importing import KINDS, MAX_BYTES, FileProblem, check, read_table
from core.imports.templates import template
from core.text import fmt
from data_access.figures import budget, outcomes, socialization
from data_access.imports import imports
from data_access.store import audit
from data_access.store.access import AccessDenied, Viewer
from tests.apptest import open_page, start
from tests.viewers import ADMIN, STAFF

BUDGET_HEADER = "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"


def checked(kind: str, name: str, data: bytes):
    headers, rows = read_table(name, data)
    return check(KINDS[kind], headers, rows, imports.lookups(viewer=ADMIN))


def reported_2026() -> int:
    """How many partners have budget rows for TW I 2026."""
    return int(budget.budget_by_partner(viewer=STAFF, year=2026, quarter=1)["reported"].sum())


def budget_file(*rows: str) -> bytes:
    return (BUDGET_HEADER + "\n".join(rows) + "\n").encode()


def apply(kind, result, data=b"x", confirmed=False):
    return imports.apply(
        viewer=ADMIN,
        kind=kind,
        records=result.records,
        file_name="berkas.csv",
        file_bytes=data,
        warnings=len(result.warnings),
        confirmed=confirmed,
    )


def test_budget_rows_as_people_type_them_go_in_and_show_on_the_dashboard(database_url):
    data = budget_file(
        '"Kab. Indramayu",2026,TW I,APBD,"Rp1.250.000.000","Rp310.000.000",120',
        '" 3209 ",2026,1,apbd,"1,1 miliar","Rp 250.000.000,-",100',
        "",
    )
    result = checked("anggaran", "anggaran.csv", data)
    assert result.ok and len(result.records) == 2
    work = apply("anggaran", result, data)
    assert (len(work.added), len(work.changed), work.unchanged) == (2, 0, 0)
    shown = budget.budget_by_partner(viewer=STAFF, year=2026, quarter=1).set_index("code")
    assert shown.loc["32.12", "pagu_rp"] == 1_250_000_000
    assert shown.loc["32.12", "realisasi_rp"] == 310_000_000
    assert shown.loc["32.09", "pagu_rp"] == 1_100_000_000
    again = apply("anggaran", checked("anggaran", "anggaran.csv", data), data)
    assert (len(again.added), len(again.changed), again.unchanged) == (0, 0, 2)
    changed = budget_file('32.12,2026,1,APBD,"Rp1.300.000.000","Rp310.000.000",120')
    work = apply("anggaran", checked("anggaran", "a.csv", changed), changed)
    assert (len(work.added), len(work.changed)) == (0, 1)
    trail = audit.audit_entries(viewer=ADMIN, action="import")
    assert len(trail) == 2 and set(trail["entity"]) == {"anggaran"}
    assert trail.iloc[0]["old_values"] == '{"changed_rows": 1}'
    from sqlalchemy import text

    from data_access.store.db import get_engine

    with get_engine().connect() as conn:
        old, new = conn.execute(
            text("SELECT old_values, new_values FROM import_row ORDER BY id DESC LIMIT 1")
        ).one()
    assert '"pagu_rp": 1250000000' in old and '"pagu_rp": 1300000000' in new


@pytest.mark.parametrize(
    ("row", "column", "problem"),
    [
        ("Kab. Bandung,2026,1,APBD,100,10,1", "kode_mitra", "mitra tidak dikenal"),
        ("32.12,2026,5,APBD,100,10,1", "triwulan", "triwulan harus 1, 2, 3 atau 4"),
        ("32.12,2026,1,APBD,-100,10,1", "pagu", "uang tidak boleh negatif"),
        ("32.12,2026,1,HIBAH,100,10,1", "sumber_dana", "APBD, APBN, INSTITUSI"),
        ("32.12,26,1,APBD,100,10,1", "tahun", "empat angka"),
        ("32.12,2026,1,APBD,100,10,", "target_peserta", "kosong"),
    ],
)
def test_a_bad_last_row_refuses_the_whole_file_with_a_report(database_url, row, column, problem):
    data = budget_file("32.12,2026,1,APBD,100,10,1", "32.09,2026,1,APBD,100,10,1", row)
    result = checked("anggaran", "a.csv", data)
    assert not result.ok
    (found,) = result.problems
    assert (found.row, found.column) == (4, column) and problem in found.problem
    assert found.right.startswith("mis. ")
    assert reported_2026() == 0


def test_realisasi_above_pagu_needs_confirmation(database_url):
    data = budget_file("32.12,2026,1,APBD,100,300,1")
    result = checked("anggaran", "a.csv", data)
    assert result.ok and result.warnings[0].problem == "realisasi triwulan melebihi pagu"
    with pytest.raises(imports.ImportRefused, match="centang konfirmasi"):
        apply("anggaran", result, data)
    assert reported_2026() == 0
    apply("anggaran", result, data, confirmed=True)
    assert reported_2026() == 1


def test_duplicate_rows_are_refused(database_url):
    data = budget_file("32.12,2026,1,APBD,100,10,1", "3212,2026,TW I,APBD,200,10,1")
    (problem,) = checked("anggaran", "a.csv", data).problems
    assert (problem.row, problem.problem) == (3, "baris ganda: sama dengan baris 2")


def test_all_or_nothing_even_when_the_database_refuses_a_row(database_url):
    good = {"partner_id": 1, "year": 2026, "quarter": 1, "fund_source": "APBD"}
    values = {"pagu_rp": 100, "realisasi_rp": 10, "target_trainees": 1}
    records = [good | values, good | {"quarter": 9, "fund_source": "APBN"} | values]
    with pytest.raises(Exception):  # noqa: B017 - the CHECK constraint, whatever its class
        imports.apply(
            viewer=ADMIN, kind="anggaran", records=records, file_name="x", file_bytes=b"x"
        )
    assert reported_2026() == 0
    assert audit.audit_entries(viewer=ADMIN, action="import").empty


def test_socialization_checks_village_region_and_quarter(database_url):
    header = (
        "kode_mitra,tahun,triwulan,kode_desa,tanggal,topik,peserta_laki_laki,peserta_perempuan\n"
    )
    villages = socialization.village_codes(viewer=STAFF)
    talaud = villages[villages["partner_code"] == "71.04"]["code"].iloc[0]
    indramayu = villages[villages["partner_code"] == "32.12"]["code"].iloc[0]
    rows = [
        f"71.04,2026,1,{talaud},31 Maret 2026,MIGRASI_AMAN,20,25",
        f"71.04,2026,1,{indramayu},15/02/2026,MIGRASI_AMAN,20,25",
        f"71.04,2026,1,{talaud},01/04/2026,MIGRASI_AMAN,20,25",
        "71.04,2026,1,99.99.99.9999,15/02/2026,MIGRASI_AMAN,20,25",
        f"71.04,2026,1,{talaud},15/02/2026,SENAM,20,25",
    ]
    result = checked("sosialisasi", "s.csv", (header + "\n".join(rows)).encode())
    problems = {(p.row, p.column): p.problem for p in result.problems}
    assert problems == {
        (3, "kode_desa"): "desa ini di luar wilayah mitra",
        (4, "tanggal"): "tanggal di luar triwulan 1 tahun 2026",
        (5, "kode_desa"): "kode desa tidak dikenal",
        (6, "topik"): (
            "harus salah satu dari: PELUANG_KERJA, MIGRASI_AMAN, BAHAYA_NONPROSEDURAL, "
            "PENCEGAHAN_TPPO, PELATIHAN_CPMI"
        ),
    }
    good = (header + rows[0] + "\n").encode()
    apply("sosialisasi", checked("sosialisasi", "s.csv", good), good)
    quarters = socialization.events_by_quarter(viewer=STAFF, partner_id=16)
    assert quarters.set_index(["year", "quarter"]).loc[(2026, 1), "events"] == 1
    coverage = socialization.coverage_by_partner(viewer=STAFF, year=2026, quarter=1)
    assert coverage.set_index("code").loc["71.04", "reached_period"] == 1


def test_open_data_long_shape_updates_one_outcome(database_url):
    data = (
        b"kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,"
        b"jumlah_penempatan,satuan,tahun\n"
        b"32,JAWA BARAT,3212,KABUPATEN INDRAMAYU,20150,ORANG,2024\n"
        b"32,JAWA BARAT,3209,KABUPATEN CIREBON,11002,ORANG,2026\n"
    )
    before = outcomes.outcomes_by_partner(viewer=STAFF, years=(2024,)).set_index("code")
    result = checked("luaran", "opendata.csv", data)
    assert result.ok
    work = apply("luaran", result, data)
    assert (len(work.added), len(work.changed)) == (1, 1)
    after = outcomes.outcomes_by_partner(viewer=STAFF, years=(2024, 2026)).set_index(
        ["code", "year"]
    )
    assert after.loc[("32.12", 2024), "placements"] == 20150
    assert after.loc[("32.12", 2024), "complaints"] == before.loc["32.12", "complaints"]
    assert after.loc[("32.09", 2026), "placements"] == 11002
    assert after.loc[("32.09", 2026), "complaints"] == 0


def _xlsx(fill) -> bytes:
    book = Workbook()
    fill(book.active)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "sentence"),
    [
        ("a.pdf", b"%PDF-1.4", "Jenis berkas tidak didukung"),
        ("a.xls", b"\xd0\xcf\x11\xe0", "Jenis berkas tidak didukung"),
        ("a.csv", b"", "Berkas kosong"),
        ("a.csv", b"\n\n  \n", "Berkas kosong"),
        ("a.csv", BUDGET_HEADER.encode(), "hanya berisi judul kolom"),
        ("a.csv", b"x" * (MAX_BYTES + 1), "melebihi batas 20 MB"),
        ("a.csv", _xlsx(lambda s: s.append(["a"])), "ganti namanya menjadi .xlsx"),
        ("a.xlsx", b"PK\x03\x04 not really", "rusak atau bukan XLSX"),
        (
            "a.xlsx",
            _xlsx(lambda s: (s.append(["kode_mitra", "pagu"]), s.append(["32.12", "=1+1"]))),
            "Sel B2 berisi rumus",
        ),
    ],
)
def test_files_that_cannot_be_read_get_a_sentence(name, data, sentence):
    with pytest.raises(FileProblem, match=sentence):
        read_table(name, data)


def test_missing_columns_are_named(database_url):
    with pytest.raises(FileProblem, match="Kolom wajib tidak ditemukan: pagu, target_peserta"):
        checked(
            "anggaran", "a.csv", b"kode_mitra,tahun,triwulan,sumber_dana,realisasi\n1,2,3,4,5\n"
        )


def test_round_trip_template_filled_imported_shown(database_url):
    villages = socialization.village_codes(viewer=STAFF, partner_id=16)
    blank = template(
        "sosialisasi",
        partners=[("71.04", "Pemerintah Kabupaten Kepulauan Talaud")],
        villages=list(villages.itertuples(index=False, name=None)),
        demo=True,
    )
    book = load_workbook(io.BytesIO(blank))
    assert book.sheetnames == ["Data", "Kode", "Petunjuk"]
    sheet = book["Data"]
    assert [c.value for c in sheet[1]][:3] == ["kode_mitra", "tahun", "triwulan"]
    assert sheet.data_validations.dataValidation  # dropdown lists for the codes
    for n in range(3):
        sheet.append(
            ["71.04", 2026, 2, villages["code"].iloc[n], date(2026, 5, 10 + n), "PENCEGAHAN_TPPO",
             30, 40 + n, "Disnaker"]
        )  # fmt: skip
    filled = io.BytesIO()
    book.save(filled)
    result = checked("sosialisasi", "templat_sosialisasi.xlsx", filled.getvalue())
    assert result.ok and result.skipped == [2] and len(result.records) == 3
    apply("sosialisasi", result, filled.getvalue())
    topics = socialization.events_by_topic(viewer=STAFF, year=2026, quarter=2, partner_id=16)
    row = topics.set_index("topic").loc["PENCEGAHAN_TPPO"]
    assert row["events"] == 3


def test_leadership_and_verifiers_do_not_import(database_url):
    # Partners import into their own reports: see test_submissions.py.
    for viewer in (STAFF, Viewer("verifikator"), Viewer.anonymous()):
        with pytest.raises(AccessDenied):
            imports.lookups(viewer=viewer)
        with pytest.raises(AccessDenied):
            imports.apply(viewer=viewer, kind="anggaran", records=[], file_name="x", file_bytes=b"")


def test_the_import_page_is_for_admins(database_url):
    at = open_page(start("admin"), "pages/impor_data.py")
    assert not at.exception
    assert at.title[0].value == "Impor Data"
    assert at.selectbox(key="w_import_kind").options == [
        "Anggaran pelatihan (per triwulan)",
        "Kegiatan sosialisasi",
        "Sosialisasi per triwulan (rekap, bila tidak per kegiatan)",
        "Angkatan pelatihan CPMI (per triwulan)",
        "Luaran tahunan (penempatan, pengaduan, …)",
    ]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        start("pimpinan").switch_page("pages/impor_data.py")


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["APBD", "APBN", "INSTITUSI"]),
            st.integers(min_value=0, max_value=10**11),
            st.integers(min_value=0, max_value=10**11),
            st.integers(min_value=0, max_value=5000),
        ),
        min_size=1,
        max_size=3,
        unique_by=lambda r: r[0],
    )
)
def test_any_figures_written_into_the_template_come_back_on_the_dashboard(database_url, rows):
    blank = template("anggaran", partners=[("32.12", "Kab. Indramayu")], villages=[], demo=True)
    book = load_workbook(io.BytesIO(blank))
    sheet = book["Data"]
    sheet.delete_rows(2)  # the example row
    for source, pagu, spent, target in rows:
        sheet.append(["Kab. Indramayu", "2030", "TW I", source, fmt.rupiah_full(pagu),
                      fmt.rupiah_full(min(spent, pagu)), fmt.number(target)])  # fmt: skip
    filled = io.BytesIO()
    book.save(filled)
    result = checked("anggaran", "anggaran.xlsx", filled.getvalue())
    assert result.ok, result.problems
    # Examples share one database: a later one may replace an earlier one's figures by far
    # smaller or larger ones, which is a warning to confirm.
    imports.apply(
        viewer=ADMIN, kind="anggaran", records=result.records, file_name="x.xlsx",
        file_bytes=filled.getvalue(), confirmed=True,
    )  # fmt: skip
    shown = budget.budget_by_partner(viewer=STAFF, year=2030, quarter=1).set_index("code")
    sources = {r[0] for r in rows}
    stored = budget.budget_by_source(viewer=STAFF, year=2030, quarter=1).set_index("fund_source")
    for source, pagu, spent, _ in rows:
        assert stored.loc[source, "pagu_rp"] == pagu
        assert stored.loc[source, "realisasi_rp"] == min(spent, pagu)
    assert set(stored.index) >= sources
    assert shown.loc["32.12", "reported"]


def test_training_cohorts_go_in_and_a_wider_funnel_is_refused(database_url):
    header = (
        "kode_mitra,tahun,triwulan,program,negara_tujuan,sektor,terdaftar,lulus,"
        "tersertifikasi,ditempatkan,biaya\n"
    )
    good = header + 'UBI,2026,1,Pelatihan Caregiver,Taiwan,Perawatan,40,36,30,12,"Rp280.000.000"\n'
    bad = good + "UBI,2026,1,Bahasa Jepang,Jepang,Manufaktur,20,25,10,0,100\n"
    (problem,) = checked("pelatihan", "p.csv", bad.encode()).problems
    assert (problem.row, problem.column, problem.problem) == (
        3,
        "lulus",
        "lulus lebih banyak dari terdaftar",
    )
    result = checked("pelatihan", "p.csv", good.encode())
    apply("pelatihan", result, good.encode())
    trained = budget.training_by_partner(viewer=STAFF, year=2026, quarter=1).set_index("code")
    assert (trained.loc["UBI", "graduated"], trained.loc["UBI", "cost_rp"]) == (36, 280_000_000)
    again = apply("pelatihan", checked("pelatihan", "p.csv", good.encode()), good.encode())
    assert again.unchanged == 1 and not again.added


def test_a_village_named_by_its_bps_code_lands_on_the_same_village(database_url):
    """The area list keeps BPS codes beside Kemendagri codes; a file may use either. Where a
    BPS code reads like another village's Kemendagri code, the Kemendagri reading wins."""
    import sqlalchemy as sa

    from data_access.store.db import get_engine

    villages = socialization.village_codes(viewer=STAFF)
    talaud = villages[villages["partner_code"] == "71.04"]["code"].iloc[0]
    indramayu = villages[villages["partner_code"] == "32.12"]["code"].iloc[0]
    before = imports.lookups(viewer=ADMIN).villages
    with get_engine().begin() as conn:
        update = sa.text("UPDATE area SET bps_code = :bps WHERE code = :code")
        conn.execute(update, {"bps": "7104010005", "code": talaud})
        conn.execute(update, {"bps": indramayu.replace(".", ""), "code": villages["code"].iloc[-1]})
    keys = imports.lookups(viewer=ADMIN).villages
    assert keys["7104010005"] == keys[talaud.replace(".", "")]
    same = indramayu.replace(".", "")  # another village's BPS code now reads the same
    assert keys[same] == before[same]
    header = (
        "kode_mitra,tahun,triwulan,kode_desa_bps,tanggal,topik,peserta_laki_laki,"
        "peserta_perempuan\n"
    )
    good = (header + "7104,2026,1,7104010005,15/02/2026,MIGRASI_AMAN,20,25\n").encode()
    result = checked("sosialisasi", "s.csv", good)
    assert result.problems == []
    apply("sosialisasi", result, good)
    reached = socialization.villages_of_partner(viewer=STAFF, partner_id=16, year=2026, quarter=1)
    assert talaud in set(reached["code"])


def test_a_file_of_many_bad_rows_leaves_a_compact_result_in_the_tab(database_url):
    """Every row refused: the tab keeps the counts and the first problems, not the file's
    rows nor every problem (three tabs with such a file must not hold gigabytes)."""
    from benchmarks.hostile_files import bad_rows_csv

    at = open_page(start("admin"), "pages/impor_data.py")
    at.file_uploader(key="w_import_file_anggaran").set_value(
        ("buruk.csv", bad_rows_csv(2_500), "text/csv")
    ).run()
    assert not at.exception
    assert "2.500 baris perlu diperbaiki" in at.error[0].value
    assert any("1.000 masalah pertama dari 2.500" in c.value for c in at.caption)
    kept = at.session_state["g_import_checked"][-1]
    assert (len(kept.problems), kept.problem_rows, kept.records) == (1_000, 2_500, [])
    assert isinstance(at.session_state["g_import_sheet"], str)  # a digest, not the rows
    report = next(d.value for d in at.dataframe if "Masalah" in d.value.columns)
    assert len(report) == 1_000 and report["Baris"].tolist()[:2] == [2, 3]
    at.run()  # a rerun shows the same from what the tab kept
    assert "2.500 baris perlu diperbaiki" in at.error[0].value


def test_a_trailing_minus_is_a_negative_sum_and_refused():
    from core.text import parse

    assert parse.money("310.000-").error.startswith("uang tidak boleh negatif")
    assert parse.money("Rp1.250.000,-").value == 1_250_000  # the form's dash, not a minus
    assert parse.count("12-").error == "tidak boleh negatif"


def test_the_template_writes_every_name_as_text():
    """A partner or village named like a formula, an array formula or a link stays text."""
    names = ['=HYPERLINK("https://contoh.invalid","klik")', "{=1+1}", "external:c:\\x.xlsx"]
    data = template(
        "sosialisasi",
        partners=[("32.12", names[0])],
        villages=[("32.12.01.2001", names[1], "32.12"), ("32.12.01.2002", names[2], "32.12")],
        demo=False,
    )
    sheet = load_workbook(io.BytesIO(data))["Kode"]
    cells = [sheet["B2"], sheet["D2"], sheet["D3"]]
    assert [c.value for c in cells] == names
    assert all(c.data_type == "s" and c.hyperlink is None for c in cells)
