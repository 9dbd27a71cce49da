"""What is said beside a figure holds for the period chosen, recomputed from the source rows
(nothing from core/ or data_access/ on the expected side): trends end at the chosen quarter,
yearly figures are those of the last complete year (they come with the TW IV report), the
approval badge counts exactly the reports the figures hold, a change over fewer partners
says how many, and a year in progress is never a collapse."""

import json

import pytest
from pptx import Presentation

from tests.apptest import metric, open_page, start, texts
from tests.test_oracle_pages import (  # noqa: F401 - scenario is a fixture
    MODES,
    counted_budget,
    per_partner,
    raw,
    scenario,
    values,
)

# A quarter before TW IV of a year with its TW IV in the data, and an older one.
EARLY = [(2025, 3), (2023, 2)]


def _trend_points(figure: dict) -> list[tuple[int, int]]:
    """(year, quarter) of every point of the budget trend (one line per year, x = TW)."""
    points = []
    for line in figure["data"]:
        for x in values(line["x"]):
            points.append((int(line["name"]), int(str(x).split()[-1].replace("IV", "4")
                                                    .replace("III", "3").replace("II", "2")
                                                    .replace("I", "1"))))  # fmt: skip
    return points


@pytest.mark.parametrize("approved_only", MODES, ids=["default", "approved"])
@pytest.mark.parametrize(("year", "quarter"), EARLY)
def test_the_budget_trend_ends_at_the_chosen_quarter(database_url, year, quarter, approved_only):
    rows = counted_budget(approved_only)
    at = open_page(start(year=year, quarter=quarter, verified=approved_only),
                   "pages/anggaran_pelatihan.py")  # fmt: skip
    assert not at.exception
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    trend = next(f for f in figures if any(d.get("name") == str(year) for d in f["data"]))
    assert max(_trend_points(trend)) == (year, quarter)
    last = next(d for d in trend["data"] if d["name"] == str(year))
    sums = per_partner(rows, year, quarter).sum()
    assert values(last["y"])[-1] == pytest.approx(sums["spent"] / sums["pagu"] * 100)


@pytest.mark.parametrize("approved_only", MODES, ids=["default", "approved"])
@pytest.mark.parametrize(("year", "quarter"), EARLY)
def test_the_decks_trend_ends_at_the_chosen_quarter(database_url, year, quarter, approved_only):
    import io

    from briefing import deck
    from briefing.data import gather

    rows = counted_budget(approved_only)
    made = deck.build(gather(year=year, quarter=quarter, verified_only=approved_only))
    charts = [s.chart for slide in Presentation(io.BytesIO(made)).slides
              for s in slide.shapes if s.has_chart]  # fmt: skip
    trend = charts[1]
    years = [int(series.name) for series in trend.plots[0].series]
    assert max(years) == year
    chosen = next(s for s in trend.plots[0].series if int(s.name) == year)
    shown = [v for v in chosen.values if v is not None]
    assert len(shown) == quarter
    sums = per_partner(rows, year, quarter).sum()
    assert shown[-1] == pytest.approx(sums["spent"] / sums["pagu"])


def _counted_rows(rows, approved_only: bool):
    """Yearly outcomes a mode counts: they go with the TW IV report of their year."""
    reports = raw("submission")
    waiting = {
        (r.partner_id, r.year, r.quarter) for r in reports.itertuples() if r.status == "submitted"
    }
    is_waiting = [(r.partner_id, r.year, 4) in waiting for r in rows.itertuples()]
    if approved_only:
        return rows[rows["layer"] == 0]
    keep = [(layer == 0 and not w) or (layer == 1 and w)
            for layer, w in zip(rows["layer"], is_waiting, strict=True)]  # fmt: skip
    return rows[keep]


def _waiting_through(year: int, quarter: int) -> int:
    reports = raw("submission")
    return sum(
        1
        for r in reports.itertuples()
        if r.status == "submitted" and (r.year, r.quarter) <= (year, quarter)
    )


def _percent_change(now: int, before: int) -> str:
    from decimal import ROUND_HALF_UP, Decimal

    exact = (Decimal(now) - Decimal(before)) / Decimal(before) * 100
    shown = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{shown}".replace(".", ",") + "%"


@pytest.mark.parametrize("approved_only", MODES, ids=["default", "approved"])
@pytest.mark.parametrize(("year", "quarter"), [*EARLY, (2025, 4)])
def test_the_summary_shows_the_last_complete_year_and_a_true_badge(
    database_url, year, quarter, approved_only
):
    at = open_page(start(year=year, quarter=quarter, verified=approved_only),
                   "pages/ringkasan.py")  # fmt: skip
    assert not at.exception
    complete = year if quarter == 4 else year - 1
    outcomes = _counted_rows(raw("partner_outcome"), approved_only)
    this = outcomes[outcomes["year"] == complete].set_index("partner_id")["placements"]
    last = outcomes[outcomes["year"] == complete - 1].set_index("partner_id")["placements"]
    label = f"Penempatan PMI {complete}"
    assert metric(at, label) == f"{int(this.sum()):,}".replace(",", ".")
    shown = next(m for m in at.metric if m.label == label)
    both = this.index.intersection(last.index)
    if len(both):
        expected = _percent_change(int(this.loc[both].sum()), int(last.loc[both].sum()))
        assert shown.delta == f"{expected} vs tahun lalu"
    page = texts(at)
    if len(both) < len(this) and len(both):
        assert f"atas {len(both)} mitra yang melaporkan kedua tahun" in page
    if complete != year:
        assert "angka tahunan dilaporkan bersama laporan TW IV" in shown.help
    waiting = _waiting_through(year, quarter)
    if approved_only:
        assert "Hanya data yang sudah disetujui" in page
    elif waiting:
        assert f"Termasuk {waiting} laporan diajukan yang belum disetujui" in page
    else:
        assert "Semua data sudah disetujui" in page


@pytest.mark.usefixtures("scenario")
@pytest.mark.parametrize("approved_only", MODES, ids=["default", "approved"])
def test_a_year_in_progress_is_never_a_collapse(approved_only):
    """TW I 2026 (one partner's budget in, the rest not yet): no change reads as −100%."""
    at = open_page(start(year=2026, quarter=1, verified=approved_only), "pages/ringkasan.py")
    assert not at.exception
    for shown in at.metric:
        assert "-100,0%" not in str(shown.delta), shown.label
    assert any(m.label == "Penempatan PMI 2025" for m in at.metric)
    page = texts(at)
    # Indramayu's report of TW I 2026 holds its budget, not yet its trainees: no fall to 0%,
    # and the one partner ranked so far is behind nobody.
    assert "Capaian peserta turun" not in page and "tertinggal: Kab. Indramayu" not in page
    # A change read over the one partner with figures in both years says so.
    if "Perubahan terbesar" in page:
        assert "Perubahan terbesar dibanding TW I 2025, pada 1 mitra yang memiliki data" in page
    league = open_page(start(year=2026, quarter=1, verified=approved_only),
                       "pages/perbandingan_mitra.py")  # fmt: skip
    assert not league.exception
    assert "naik" not in " ".join(
        str(v) for d in league.dataframe for v in d.value.to_numpy().ravel()
    )
