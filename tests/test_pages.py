"""Every page through AppTest: default and unusual filters, the figures shown, empty states."""

import pytest

from core.text import fmt
from tests import oracle
from tests.apptest import PAGES, metric, open_page, start, texts

UNUSUAL = [
    {"year": 2022, "quarter": 1},
    {"partner_type": "lembaga_pendidikan"},
    {"province": "Bali"},
    {"province": "Sulawesi Utara", "quarter": 2},
    {"lang": "en", "year": 2024, "quarter": 3},
]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_default_filters_and_shows_demo_label(database_url, page):
    at = open_page(start(), page)
    assert not at.exception, [e.value for e in at.exception]
    assert "Data contoh" in texts(at)
    assert "Data per 31 Desember 2025" in texts(at)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "filters", UNUSUAL, ids=lambda f: "-".join(f"{k}={v}" for k, v in f.items())
)
def test_page_runs_with_unusual_filters(database_url, page, filters):
    at = open_page(start(**filters), page)
    assert not at.exception, [e.value for e in at.exception]
    if filters.get("lang") == "en":
        assert "Demo data" in texts(at)


def test_ringkasan_headline_figures_match_the_data(database_url):
    at = start()
    budget = oracle.budget_by_partner(2025, 4)
    training = oracle.training_by_partner(2025, 4)
    pagu, spent = budget["pagu_rp"].sum(), budget["realisasi_rp"].sum()
    assert metric(at, "Pagu pelatihan") == fmt.rupiah(pagu)
    assert metric(at, "Realisasi anggaran") == fmt.rupiah(spent)
    assert metric(at, "Serapan anggaran") == fmt.percent(spent / pagu)
    assert metric(at, "Lulusan pelatihan CPMI") == fmt.number(training["graduated"].sum())
    coverage = oracle.coverage_by_partner(2025, 4)
    share = coverage["reached_cumulative"].sum() / coverage["villages_total"].sum()
    assert metric(at, "Desa/kelurahan terjangkau") == fmt.percent(share)
    assert metric(at, "Penempatan PMI 2025") == fmt.number(
        oracle.outcomes(2025)["placements"].sum()
    )


def test_ringkasan_lists_expiring_mous_and_laggards(database_url):
    at = start()
    behind, expiring = at.dataframe[0].value, at.dataframe[1].value
    assert "Kab. Kepulauan Talaud" in set(behind["Mitra"])
    assert set(behind["Kategori"]) <= {"Tertinggal", "Perlu perhatian", "Baik"}
    assert expiring.set_index("Mitra").loc["Kab. Cirebon", "Sisa hari"] == "53"
    assert expiring["Sisa hari"].astype(int).max() <= 180


def test_filters_survive_a_page_switch(database_url):
    at = start(year=2023, quarter=2, partner_type="pemda")
    at = open_page(at, "pages/anggaran_pelatihan.py")
    assert "Periode: TW I–II 2023" in texts(at)
    assert "Mitra: Pemerintah Daerah" in texts(at)
    at = open_page(at, "pages/perbandingan_mitra.py")
    assert "Periode: TW I–II 2023" in texts(at)


def test_budget_page_warns_about_a_missing_report(database_url):
    at = open_page(start(), "pages/anggaran_pelatihan.py")
    warnings = " ".join(w.value for w in at.warning)
    assert "Belum melapor anggaran TW IV 2025: Kab. Kepulauan Talaud" in warnings
    table = at.dataframe[0].value.set_index("Mitra")
    budget = oracle.budget_by_partner(2025, 4).set_index("short_name")
    assert table.loc["Kab. Indramayu", "Pagu"] == fmt.rupiah_full(
        budget.loc["Kab. Indramayu", "pagu_rp"]
    )


def test_coverage_page_explains_institutions_have_no_village_coverage(database_url):
    at = open_page(start(partner_type="lembaga_pendidikan"), "pages/cakupan_sosialisasi.py")
    assert not at.exception
    assert "diukur untuk pemerintah daerah" in at.info[0].value


def test_coverage_page_when_no_region_matches(database_url):
    at = open_page(start(province="Bali"), "pages/cakupan_sosialisasi.py")
    assert "Tidak ada pemerintah daerah" in at.info[0].value


def test_compare_page_ranks_16_regions_and_5_institutions(database_url):
    at = open_page(start(), "pages/perbandingan_mitra.py")
    regions, institutions = at.dataframe[0].value, at.dataframe[1].value
    assert len(regions) == 16 and len(institutions) == 5
    assert regions.iloc[0]["Mitra"] == "Kab. Indramayu"
    assert regions.iloc[-1]["Mitra"] == "Kab. Kepulauan Talaud"
    assert regions["Indeks"].str.contains("·").all()  # every colour has a text label


def test_profile_opens_from_query_parameter(database_url):
    at = start()
    at.query_params["mitra"] = "71.04"
    at = open_page(at, "pages/profil_mitra.py")
    assert at.title[0].value == "Pemerintah Kabupaten Kepulauan Talaud"
    warnings = " ".join(w.value for w in at.warning)
    assert "belum pernah menandatangani Perjanjian Kerja Sama" in warnings


def test_profile_of_an_institution_has_no_village_list(database_url):
    at = start()
    at.session_state["g_profile_partner"] = 19
    at = open_page(at, "pages/profil_mitra.py")
    assert at.title[0].value == "Poltekkes Kemenkes Denpasar"
    assert "Desa/kelurahan dan jangkauan sosialisasi" not in texts(at)


def test_english_interface(database_url):
    at = open_page(start(lang="en"), "pages/ringkasan.py")
    assert at.title[0].value == "MoU Implementation Overview"
    assert metric(at, "Budget absorption").endswith("%")
    assert "." in metric(at, "Budget absorption")  # English decimal point


def test_unreachable_database_gives_a_sentence(monkeypatch, database_url):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    at = start()
    assert not at.exception
    assert "Basis data tidak dapat dibuka" in at.error[0].value


def test_wrong_scoring_file_gives_a_sentence(monkeypatch, database_url, tmp_path):
    bad = tmp_path / "scoring.toml"
    bad.write_text("[index]\ngreen = 80\namber = 50\n[indicators.serapan]\ngreen = 0.5\n")
    monkeypatch.setenv("SCORING_CONFIG", str(bad))
    at = start()
    assert not at.exception
    assert "[indicators.serapan]" in at.error[0].value


def test_profile_with_an_unknown_code_says_so(database_url):
    at = start()
    at.query_params["mitra"] = "99.99<script>"
    at = open_page(at, "pages/profil_mitra.py")
    assert not at.exception
    assert "Kode mitra pada alamat halaman tidak dikenal" in " ".join(w.value for w in at.warning)
    assert "<script>" not in texts(at)


def test_the_profile_address_names_the_partner_shown(database_url):
    at = open_page(start("pimpinan"), "pages/profil_mitra.py")
    first = at.query_params["mitra"]
    assert first and at.title[0].value != ""
    at.selectbox(key="w_profile").set_value(16).run()
    assert at.query_params["mitra"] in ("71.04", ["71.04"])
    assert at.title[0].value == "Pemerintah Kabupaten Kepulauan Talaud"


def test_the_profile_flags_overdue_follow_through_and_names_pks_status(database_url):
    """27 November 2026: Kab. Cirebon (32.09) has items not done past their due date."""
    import pandas as pd

    from tests import oracle

    at = open_page(start("pimpinan"), "pages/profil_mitra.py")
    at.selectbox(key="w_profile").set_value(2).run()
    d = oracle.csv("deliverables")
    late = d[(d["partner_code"] == "32.09") & (d["status"] != "selesai")]
    late = late[pd.to_datetime(late["due_on"]) < pd.Timestamp("2026-11-27")]
    assert f"{len(late)} butir tindak lanjut belum selesai dan sudah lewat tenggat." in texts(at)
    items = next(d.value for d in at.dataframe if "Butir tindak lanjut" in d.value.columns)
    flagged = [s for s in items["Status"] if "lewat tenggat" in s]
    assert len(flagged) == len(late)
    agreements = next(d.value for d in at.dataframe if "Nomor" in d.value.columns)
    pks = agreements[agreements["Jenis"] == "PKS"]
    assert "–" not in set(pks["Status"]) and set(pks["Status"]) <= {
        "Aktif", "Akan berakhir", "Berakhir"
    }  # fmt: skip


def test_a_wide_table_keeps_the_partner_column_in_view(database_url):
    import json

    at = open_page(start("pimpinan"), "pages/perbandingan_mitra.py")
    config = json.loads(at.dataframe[0].proto.columns)
    assert config["Mitra"]["pinned"] is True


def test_wide_tables_show_their_detail_columns_on_demand(database_url):
    at = open_page(start(), "pages/anggaran_pelatihan.py")
    first = at.dataframe[0].value
    assert list(first.columns) == [
        "Mitra", "Pagu", "Realisasi", "Serapan", "Lulus", "Capaian"
    ]  # fmt: skip
    toggle = at.toggle(key="budget_all_columns")
    assert toggle.label == "Tampilkan semua kolom (7 lagi)"
    at = open_page(at, "pages/anggaran_pelatihan.py", every_column=True)
    every = at.dataframe[0].value
    assert {
        "Sisa anggaran", "Serapan tahun lalu", "Target peserta", "Biaya per lulusan",
        "Sumber target", "Target anggaran", "Pagu thd target",
    } <= set(every.columns)  # fmt: skip
    assert every[first.columns].equals(first)  # the same rows and cells, more columns


RANK = {"Tertinggal": 0, "Perlu perhatian": 1, "Baik": 2}


def test_the_league_names_each_partners_weakest_indicator_as_the_slide_does(database_url):
    at = open_page(start(), "pages/perbandingan_mitra.py", every_column=True)
    for grid in at.dataframe[:2]:
        league = grid.value
        indicators = [c for c in league.columns if c in INDICATOR_NAMES]
        assert indicators and "Indikator terlemah" in league.columns
        for _, row in league.iterrows():
            bands = {c: RANK[row[c].split(" · ")[1]] for c in indicators if row[c] != "–"}
            weakest = row["Indikator terlemah"]
            if weakest.startswith("Tidak ada"):
                assert min(bands.values()) == RANK["Baik"]
                continue
            name, value = weakest.rsplit(" (", 1)
            assert row[name].startswith(value.rstrip(")")), (row["Mitra"], weakest)
            assert bands[name] == min(bands.values()), (row["Mitra"], weakest)


INDICATOR_NAMES = {
    "Serapan anggaran", "Capaian peserta", "Cakupan desa", "Tindak lanjut MoU",
    "Tingkat sertifikasi", "Tingkat penempatan",
}  # fmt: skip
