"""The briefing deck and its PDF: slides, native chart types, series values against the data,
the filter text, the league table's bands, and the command-line entry."""

import io
import re

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from briefing import deck, pdf
from briefing.__main__ import main
from briefing.data import gather
from tests import oracle


@pytest.fixture
def pinned(monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-11-27")


def opened(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


def charts(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_deck_slides_charts_and_title(database_url, pinned):
    slides = list(opened(deck.build(gather(year=2025, quarter=4))).slides)
    assert len(slides) == 9
    kinds = [[c.chart_type for c in charts(s)] for s in slides]
    assert kinds == [
        [],
        [],
        [XL_CHART_TYPE.BAR_CLUSTERED],
        [XL_CHART_TYPE.LINE_MARKERS],
        [XL_CHART_TYPE.BAR_STACKED],
        [XL_CHART_TYPE.COLUMN_CLUSTERED],
        [],
        [],
        [],
    ]
    title = text(slides[0])
    for part in ("TW I–IV 2025", "Semua mitra, Semua provinsi", "Data per 31 Desember 2025"):
        assert part in title
    assert "Data contoh (ilustratif)" in title
    assert all("Data per 31 Desember 2025" in text(s) for s in slides[1:])
    assert text(slides[1]).count("•") >= 5


def test_chart_series_come_from_the_data(database_url, pinned):
    slides = list(opened(deck.build(gather(year=2025, quarter=4))).slides)
    absorption = charts(slides[2])[0]
    budget = oracle.budget_by_partner(2025, 4)
    expected = (budget["realisasi_rp"] / budget["pagu_rp"]).set_axis(budget["short_name"])
    categories = list(absorption.plots[0].categories)
    values = list(absorption.plots[0].series[0].values)
    assert len(categories) == 21
    assert values == pytest.approx([expected[c] for c in categories])
    assert values == sorted(values, reverse=True)
    coverage = charts(slides[4])[0]
    cover = oracle.coverage_by_partner(2025, 4).set_index("short_name")
    reached = dict(
        zip(coverage.plots[0].categories, coverage.plots[0].series[0].values, strict=True)
    )
    assert reached == {n: cover.loc[n, "reached_cumulative"] for n in reached}
    assert len(reached) == 16
    graduates = charts(slides[5])[0]
    trained = oracle.training_by_partner(2025, 4).set_index("short_name")["graduated"]
    sums = sum(graduates.plots[0].series[0].values)
    assert sums == trained.sum()


def test_league_table_carries_band_colours_and_labels(database_url, pinned):
    slides = list(opened(deck.build(gather(year=2025, quarter=4))).slides)
    table = next(s for s in slides[6].shapes if s.has_table).table
    header = [c.text for c in table.rows[0].cells]
    assert header == [
        "Peringkat",
        "Mitra",
        "Indeks",
        "Kategori",
        "Perubahan peringkat",
        "Indikator terlemah",
    ]
    rows = [[c.text for c in r.cells] for r in list(table.rows)[1:]]
    assert len(rows) == 16 and rows[0][0] == "1"
    assert rows[-1][1] == "Kab. Kepulauan Talaud"
    fills = {
        "Baik": deck.BAND_FILLS["hijau"],
        "Perlu perhatian": deck.BAND_FILLS["kuning"],
        "Tertinggal": deck.BAND_FILLS["merah"],
    }
    for n, row in enumerate(rows, start=1):
        assert table.cell(n, 3).fill.fore_color.rgb == fills[row[3]]


def test_filters_and_per_partner_slides(database_url, pinned):
    briefing = gather(year=2025, quarter=4, partner_type="lembaga_pendidikan")
    slides = list(opened(deck.build(briefing, per_partner=True, lang="en")).slides)
    assert "Education institution, All provinces" in text(slides[0])
    assert len(charts(slides[2])[0].plots[0].categories) == 5
    titles = [text(s).split("\n")[0] for s in slides]
    topics = [text(s).split("\n")[1] for s in slides if "\n" in text(s)]
    assert (
        "Education institutions: Poltekkes Denpasar first (94.7), STIKes Mitra Husada last (31.4)"
        in titles
    )  # noqa: E501
    assert "League table: education institutions" in topics
    assert not any("egional governments" in x for x in titles + topics)
    assert titles[-5:] == sorted(briefing.scored["short_name"])
    assert not any(c.chart_type == XL_CHART_TYPE.BAR_STACKED for s in slides for c in charts(s))


def test_command_line_writes_the_deck(database_url, pinned, tmp_path, capsys):
    out = tmp_path / "paparan.pptx"
    assert main(["--year", "2025", "--quarter", "3", "--out", str(out)]) == 0
    assert "TW I–III 2025" in text(opened(out.read_bytes()).slides[0])


def test_command_line_defaults_to_the_period_the_pages_open_on(
    database_url, pinned, tmp_path, capsys
):
    out = tmp_path / "paparan.pptx"
    assert main(["--out", str(out)]) == 0
    assert "Periode: TW I–IV 2025" in capsys.readouterr().err
    assert "TW I–IV 2025" in text(opened(out.read_bytes()).slides[0])


def test_without_libreoffice_the_pdf_is_explained(
    database_url, pinned, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    out = tmp_path / "paparan.pptx"
    assert main(["--year", "2025", "--quarter", "4", "--out", str(out), "--pdf"]) == 3
    assert out.exists()
    assert "PDF memerlukan LibreOffice" in capsys.readouterr().err


@pytest.mark.skipif(pdf.converter() is None, reason="LibreOffice is not installed")
def test_pdf_has_a_page_per_slide_and_the_text(database_url, pinned):
    from pypdf import PdfReader

    data = deck.build(gather(year=2025, quarter=4))
    reader = PdfReader(io.BytesIO(pdf.pdf_bytes(data)))
    assert len(reader.pages) == 9
    first = " ".join(reader.pages[0].extract_text().split())
    assert "TW I–IV 2025" in first and "Data contoh (ilustratif)" in first
    assert "Kab. Kepulauan Talaud" in reader.pages[6].extract_text()
    # Chart labels and axes in the deck's language: decimal comma, thousands with a dot.
    absorption = reader.pages[2].extract_text()
    assert "88,6%" in absorption and "88.6%" not in absorption
    graduates = reader.pages[5].extract_text()
    assert not re.search(r"\b\d{1,3},\d{3}\b", graduates)  # no "1,000" on the axis
    english = PdfReader(io.BytesIO(pdf.pdf_bytes(deck.build(gather(year=2025, quarter=4),
                                                              lang="en"))))  # fmt: skip
    assert "88.6%" in english.pages[2].extract_text()


def test_tables_fit_inside_the_slide(database_url, pinned):
    built = opened(deck.build(gather(year=2025, quarter=4)))
    tables = [s for slide in built.slides for s in slide.shapes if s.has_table]
    assert tables
    for shape in tables:
        width = sum(column.width for column in shape.table.columns)
        assert shape.left + width <= built.slide_width - deck.Inches(0.3)
        height = sum(row.height for row in shape.table.rows)
        assert shape.top + height <= deck.Inches(6.95)  # above the context line


def test_each_slide_states_its_message_with_the_topic_below(database_url, pinned):
    briefing = gather(year=2025, quarter=4)
    slides = list(opened(deck.build(briefing)).slides)

    def lines(slide):
        return [s.text_frame.text for s in slide.shapes if s.has_text_frame][:2]

    budget = oracle.budget_by_partner(2025, 4)
    budget = budget[budget["pagu_rp"] > 0]
    share = budget["realisasi_rp"] / budget["pagu_rp"]
    low = budget.loc[share.idxmin()]
    total = budget["realisasi_rp"].sum() / budget["pagu_rp"].sum()
    expected = f"Serapan {total * 100:.1f}%".replace(".", ",")
    assert lines(slides[2])[0].startswith(expected + ", naik 3,8 poin dari tahun lalu")
    lowest = f"{share.min() * 100:.1f}%".replace(".", ",")
    assert lines(slides[2])[0].endswith(f"terendah {low['short_name']} ({lowest})")
    assert lines(slides[2])[1] == "Serapan anggaran pelatihan per mitra"
    assert lines(slides[6]) == [
        "Pemerintah daerah: Kab. Indramayu teratas (100,0), Kab. Kepulauan Talaud terbawah (42,4)",
        "Peringkat Pemerintah daerah",
    ]
    assert lines(slides[8])[0].startswith("7 MoU akan berakhir; paling dekat Univ. Binaniaga")


def test_summary_slide_matches_the_ringkasan_sentences(database_url, pinned):
    briefing = gather(year=2025, quarter=4)
    slide = list(opened(deck.build(briefing)).slides)[1]
    assert isinstance(briefing.scored, pd.DataFrame)
    assert "Serapan anggaran pelatihan TW I–IV 2025: 74,0%" in text(slide)


def test_the_briefing_page_steps_through_its_slides(database_url, pinned):
    from tests.apptest import open_page, start

    at = open_page(start("pimpinan"), "pages/bahan_paparan.py")
    assert not at.exception
    assert "Slide 1 dari 9" in [c.value for c in at.caption]
    deck_titles = [
        [s.text_frame.text for s in slide.shapes if s.has_text_frame][:2]
        for slide in opened(deck.build(gather(year=2025, quarter=4))).slides
    ]
    shown = []
    for _ in range(8):
        at.button(key="w_slide_next").click().run()
        assert not at.exception
        topic = [
            c.value
            for c in at.caption
            if not c.value.startswith(("TW I–IV 2025", "Slide ", "Bahan paparan"))
        ]
        shown.append([at.header[0].value, *topic[-1:]])
    assert shown[0] == ["Hal penting"]
    # The same message and topic as the deck's slide, for every slide after the summary.
    assert shown[1:] == deck_titles[2:]
    assert shown[5] == [
        "Pemerintah daerah: Kab. Indramayu teratas (100,0), Kab. Kepulauan Talaud terbawah (42,4)",
        "Peringkat Pemerintah daerah",
    ]
    assert not at.dataframe  # still tables on slides: no selection, no downloads
    at.button(key="w_slide_next").click().run()
    assert "Slide 1 dari 9" in [c.value for c in at.caption]  # round to the first again
    at.button(key="w_slide_prev").click().run()
    assert at.header[0].value.startswith("7 MoU akan berakhir")
    assert any(c.value.endswith("Data contoh (ilustratif)") for c in at.caption)


def test_every_slide_says_whether_unapproved_reports_are_in_the_figures(database_url, pinned):
    from data_access.reporting import report_reads
    from tests.viewers import STAFF

    waiting = report_reads.unverified_reports(viewer=STAFF, year=2025, quarter=4)
    assert waiting > 0  # the demo's TW IV 2025 reports still waiting for the verifier
    slides = list(opened(deck.build(gather(year=2025, quarter=4))).slides)
    line = f"Termasuk {waiting} laporan diajukan yang belum disetujui"
    assert all(line in text(s) for s in slides)
    strict = gather(year=2025, quarter=4, verified_only=True)
    slides = list(opened(deck.build(strict)).slides)
    assert all("Hanya data yang sudah disetujui" in text(s) for s in slides)
    assert strict.now["realisasi_rp"] < gather(year=2025, quarter=4).now["realisasi_rp"]
    older = list(opened(deck.build(gather(year=2023, quarter=4))).slides)
    assert "Semua data sudah disetujui" in text(older[0])


def test_a_chosen_comment_is_on_its_partners_slide_or_in_the_league_notes(database_url, pinned):
    from data_access.reporting import comments
    from data_access.store.access import Viewer

    leader = Viewer("pimpinan", None, "pimpinan")
    chosen = comments.add_comment(viewer=leader, partner_id=1, year=2025, quarter=3,
                                  body="Serapan naik setelah APBD-P.")  # fmt: skip
    comments.add_comment(viewer=leader, partner_id=1, year=2025, quarter=4, body="Tidak dipilih.")
    comments.add_comment(viewer=leader, partner_id=1, year=2026, quarter=1, body="Periode lain.")
    comments.choose_for_briefing(viewer=leader, comment_id=chosen, chosen=True)
    briefing = gather(year=2025, quarter=4)
    line = "Pimpinan, TW III 2025: Serapan naik setelah APBD-P."
    slides = list(opened(deck.build(briefing, per_partner=True)).slides)
    mine = next(s for s in slides if text(s).split("\n")[0] == "Kab. Indramayu")
    assert line in text(mine) and mine.notes_slide.notes_text_frame.text == line
    others = [s for s in slides if s is not mine]
    assert not any("Serapan naik setelah" in text(s) for s in others)
    slides = list(opened(deck.build(briefing)).slides)
    notes = [s.notes_slide.notes_text_frame.text for s in slides if s.has_notes_slide]
    assert notes == [f"Kab. Indramayu\n{line}"]  # the regional league table's first slide
    assert "Tidak dipilih" not in str(notes) and "Periode lain" not in str(notes)


def test_the_pages_and_the_briefing_build_the_league_table_with_one_function():
    """core.figures.scoring.league_table is the one scorecard builder: nothing else in the product
    assembles a scored period."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    callers = sorted(
        path.relative_to(root).as_posix()
        for folder in ("ui", "briefing", "pages", "data_access", "notifications")
        for path in (root / folder).rglob("*.py")
        if "scored_period(" in path.read_text(encoding="utf-8")
        or "league_table(" in path.read_text(encoding="utf-8")
    )
    assert callers == ["briefing/data.py", "ui/figures/compute.py"]
    for caller in callers:
        assert "scored_period(" not in (root / caller).read_text(encoding="utf-8")
