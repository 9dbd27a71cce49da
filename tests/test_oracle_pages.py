"""Budget figures on the pages and in the deck against a plain computation from the stored
rows: own code on the expected side (pandas over the raw tables; nothing from core/ or
data_access/), in both modes, for a full year, mid-year, a year where a partner lacks a
quarter's budget (Talaud, TW IV 2025) and a year in progress where one partner reported."""

import io
import json
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
import sqlalchemy as sa
from pptx import Presentation

from tests.apptest import metric, open_page, start

MODES = [False, True]
PERIODS = [(2025, 2), (2025, 4), (2026, 1)]


def raw(name: str) -> pd.DataFrame:
    import os

    engine = sa.create_engine(os.environ["DATABASE_URL"])
    with engine.connect() as conn:
        out = pd.read_sql(sa.text(f"SELECT * FROM {name}"), conn)  # noqa: S608 - fixed names
    engine.dispose()
    return out


def counted_budget(approved_only: bool) -> pd.DataFrame:
    return counted("training_budget", approved_only)


def counted(table: str, approved_only: bool) -> pd.DataFrame:
    """Rows of a fact table a mode counts: approved-only the published layer; by default the
    published layer where no report waits for a verifier, and the waiting report's own rows."""
    rows, reports = raw(table), raw("submission")
    waiting = set(
        zip(
            *[
                reports.loc[reports["status"] == "submitted", c]
                for c in ("partner_id", "year", "quarter")
            ],
            strict=True,
        )
    )
    key = list(zip(rows["partner_id"], rows["year"], rows["quarter"], strict=True))
    is_waiting = pd.Series([k in waiting for k in key], index=rows.index)
    if approved_only:
        return rows[rows["layer"] == 0]
    return rows[((rows["layer"] == 0) & ~is_waiting) | ((rows["layer"] == 1) & is_waiting)]


def per_partner(rows: pd.DataFrame, year: int, quarter: int) -> pd.DataFrame:
    """Pagu and trainee target in force (each partner's and source's latest reported quarter
    so far) and realisasi from TW I, per partner id."""
    out = {}
    upto = rows[(rows["year"] == year) & (rows["quarter"] <= quarter)]
    for partner, part in upto.groupby("partner_id"):
        pagu = target = 0
        for _, line in part.groupby("fund_source"):
            latest = line[line["quarter"] == line["quarter"].max()]
            pagu += int(latest["pagu_rp"].sum())
            target += int(latest["target_trainees"].sum())
        out[partner] = {"pagu": pagu, "spent": int(part["realisasi_rp"].sum()), "target": target}
    return pd.DataFrame.from_dict(out, orient="index")


def values(array) -> list[float]:
    """A plotly JSON array: a list, or typed binary data."""
    if isinstance(array, dict):
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def rupiah_full(value: int) -> str:
    return "Rp" + f"{value:,}".replace(",", ".")


def percent(fraction: float) -> str:
    """As a person writes it: one decimal, a half rounded up (away from zero); the float's
    own noise (23,249999…) taken as the number it stands for."""
    exact = Decimal(f"{fraction * 100:.9f}").quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{exact}".replace(".", ",") + "%"


@pytest.fixture
def scenario(database_url):
    """The demo data plus Indramayu's submitted TW I 2026 budget (a year in progress)."""
    import os

    engine = sa.create_engine(os.environ["DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO training_budget (partner_id, year, quarter, fund_source, pagu_rp, "
                "realisasi_rp, target_trainees, layer) VALUES "
                "(1, 2026, 1, 'APBD', 2000000000, 310000000, 150, 1)"
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO submission (partner_id, year, quarter, status, version, updated_at, "
                "updated_by, submitted_at, note) VALUES (1, 2026, 1, 'submitted', 2, :t, "
                "'mitra-3212', :t, '')"
            ),
            {"t": datetime(2026, 4, 9)},
        )
    engine.dispose()
    return database_url


def names() -> dict[int, str]:
    partners = raw("partner")
    return dict(zip(partners["id"], partners["short_name"], strict=True))


@pytest.mark.parametrize("approved_only", MODES, ids=["default", "approved"])
@pytest.mark.parametrize(("year", "quarter"), PERIODS)
def test_budget_table_and_headline_match_the_rows(scenario, year, quarter, approved_only):
    expected = per_partner(counted_budget(approved_only), year, quarter)
    at = open_page(
        start(year=year, quarter=quarter, verified=approved_only),
        "pages/anggaran_pelatihan.py",
        every_column=True,
    )
    assert not at.exception
    if expected.empty or not expected["pagu"].sum():
        # Nothing counted yet (a year in progress with approved figures only): no table,
        # a sentence instead.
        assert not at.dataframe and at.info
        return
    table = at.dataframe[0].value.set_index("Mitra")
    label = names()
    for partner, row in expected.iterrows():
        shown = table.loc[label[partner]]
        assert shown["Pagu"] == rupiah_full(row["pagu"])
        assert shown["Realisasi"] == rupiah_full(row["spent"])
        assert shown["Serapan"] == (percent(row["spent"] / row["pagu"]) if row["pagu"] else "–")
    at = start(year=year, quarter=quarter, verified=approved_only)
    total = expected.sum()
    assert metric(at, "Serapan anggaran") == percent(total["spent"] / total["pagu"])


@pytest.mark.parametrize("approved_only", MODES, ids=["default", "approved"])
def test_cumulative_line_matches_the_rows_and_ends_at_the_headline(scenario, approved_only):
    rows = counted_budget(approved_only)
    at = open_page(
        start(year=2025, quarter=4, verified=approved_only),
        "pages/anggaran_pelatihan.py",
        every_column=True,
    )
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    trend = next(f for f in figures if any(d.get("name") == "2025" for d in f["data"]))
    for line in trend["data"]:
        year = int(line["name"])
        last = int(rows.loc[rows["year"] == year, "quarter"].max())
        expected = []
        for quarter in range(1, last + 1):
            sums = per_partner(rows, year, quarter).sum()
            expected.append(sums["spent"] / sums["pagu"] * 100)
        assert values(line["y"]) == pytest.approx(expected)
    full = per_partner(rows, 2025, 4).sum()
    line_2025 = next(d for d in trend["data"] if d["name"] == "2025")
    assert values(line_2025["y"])[-1] == pytest.approx(full["spent"] / full["pagu"] * 100)


@pytest.mark.parametrize("approved_only", MODES, ids=["default", "approved"])
@pytest.mark.parametrize(("year", "quarter"), [(2025, 4), (2025, 2)])
def test_the_deck_charts_match_the_rows(scenario, year, quarter, approved_only):
    from briefing import deck
    from briefing.data import gather

    rows = counted_budget(approved_only)
    opened = Presentation(
        io.BytesIO(deck.build(gather(year=year, quarter=quarter, verified_only=approved_only)))
    )
    charts = [s.chart for slide in opened.slides for s in slide.shapes if s.has_chart]
    absorption = charts[0]
    expected = per_partner(rows, year, quarter)
    label = names()
    by_name = {label[p]: r["spent"] / r["pagu"] for p, r in expected.iterrows() if r["pagu"]}
    plot = absorption.plots[0]
    now = dict(zip(plot.categories, plot.series[0].values, strict=True))
    for name, value in by_name.items():
        assert now[name] == pytest.approx(value)
    trend = charts[1]
    assert max(int(series.name) for series in trend.plots[0].series) == year
    for series in trend.plots[0].series:
        y = int(series.name)
        last = int(rows.loc[rows["year"] == y, "quarter"].max())
        last = min(last, quarter) if y == year else last  # nothing after the chosen quarter
        sums = [per_partner(rows, y, q).sum() for q in range(1, last + 1)]
        values = [v for v in series.values if v is not None]
        assert values == pytest.approx([s["spent"] / s["pagu"] for s in sums])


def coverage(approved_only: bool, year: int, quarter: int) -> pd.DataFrame:
    """Per regional partner: villages of its region, villages with a counted event from TW I
    through `quarter` of `year`, and villages ever reached through then."""
    events = counted("socialization_event", approved_only)
    partners, villages = raw("partner"), raw("village")
    upto = events[events["year"] * 4 + events["quarter"] <= year * 4 + quarter]
    period = upto[upto["year"] == year]
    out = []
    for _, p in partners[partners["partner_type"] == "pemda"].iterrows():
        out.append(
            {
                "partner_id": p["id"],
                "total": int((villages["region_id"] == p["region_id"]).sum()),
                "period": period.loc[period["partner_id"] == p["id"], "village_id"].nunique(),
                "ever": upto.loc[upto["partner_id"] == p["id"], "village_id"].nunique(),
                "events": int((period["partner_id"] == p["id"]).sum()),
            }
        )
    return pd.DataFrame(out).set_index("partner_id")


def graduates(approved_only: bool, year: int, quarter: int) -> pd.Series:
    cohorts = counted("training_cohort", approved_only)
    part = cohorts[(cohorts["year"] == year) & (cohorts["quarter"] <= quarter)]
    return part.groupby("partner_id")["graduated"].sum()


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@pytest.mark.parametrize("approved_only", MODES, ids=["default", "approved"])
@pytest.mark.parametrize(("year", "quarter"), [(2025, 2), (2025, 4)])
def test_coverage_page_matches_the_events(scenario, year, quarter, approved_only):
    expected = coverage(approved_only, year, quarter)
    at = open_page(
        start(year=year, quarter=quarter, verified=approved_only),
        "pages/cakupan_sosialisasi.py",
        every_column=True,
    )
    assert not at.exception
    table = at.dataframe[0].value.set_index("Mitra")
    label = names()
    for partner, row in expected.iterrows():
        shown = table.loc[label[partner]]
        assert shown["Jumlah desa/kel."] == number(row["total"])
        assert shown["Terjangkau periode ini"] == number(row["period"])
        assert shown["Cakupan periode"] == percent(row["period"] / row["total"])
        assert shown["Terjangkau kumulatif"] == number(row["ever"])
        assert shown["Kegiatan"] == number(row["events"])
    sums = expected.sum()
    assert metric(at, "Cakupan periode ini") == percent(sums["period"] / sums["total"])
    assert metric(at, "Cakupan kumulatif") == percent(sums["ever"] / sums["total"])


@pytest.mark.parametrize("approved_only", MODES, ids=["default", "approved"])
def test_graduates_on_the_page_and_in_the_deck_match_the_cohorts(scenario, approved_only):
    from briefing import deck
    from briefing.data import gather

    expected = graduates(approved_only, 2025, 4)
    at = open_page(
        start(year=2025, quarter=4, verified=approved_only),
        "pages/anggaran_pelatihan.py",
        every_column=True,
    )
    table = at.dataframe[0].value.set_index("Mitra")
    label = names()
    for partner, value in expected.items():
        assert table.loc[label[partner], "Lulus"] == number(int(value))
    opened = Presentation(
        io.BytesIO(deck.build(gather(year=2025, quarter=4, verified_only=approved_only)))
    )
    charts = [s.chart for slide in opened.slides for s in slide.shapes if s.has_chart]
    columns = next(c for c in charts if c.plots[0].series[0].name == "Lulusan")
    shown = dict(zip(columns.plots[0].categories, columns.plots[0].series[0].values, strict=True))
    for partner, value in expected.items():
        if label[partner] in shown:
            assert shown[label[partner]] == value
    coverage_chart = next(
        c
        for c in charts
        if c.chart_type is not None and "Terjangkau" in [x.name for x in c.plots[0].series]
    )
    reached = dict(
        zip(
            coverage_chart.plots[0].categories,
            coverage_chart.plots[0].series[0].values,
            strict=True,
        )
    )
    for partner, row in coverage(approved_only, 2025, 4).iterrows():
        assert reached[label[partner]] == row["ever"]


@pytest.mark.parametrize("approved_only", MODES, ids=["default", "approved"])
@pytest.mark.parametrize(("year", "quarter"), [(2025, 4), (2026, 1)])
def test_league_serapan_matches_the_rows_and_lists_partners_without_data_apart(
    scenario, year, quarter, approved_only
):
    expected = per_partner(counted_budget(approved_only), year, quarter)
    at = open_page(
        start(year=year, quarter=quarter, verified=approved_only),
        "pages/perbandingan_mitra.py",
        every_column=True,
    )
    assert not at.exception
    label, kinds = (
        names(),
        dict(zip(raw("partner")["id"], raw("partner")["partner_type"], strict=True)),
    )
    regions = [p for p in expected.index if kinds[p] == "pemda"]
    league = at.dataframe[0].value.set_index("Mitra") if at.dataframe else pd.DataFrame()
    for partner in regions:
        row = expected.loc[partner]
        cell = league.loc[label[partner], "Serapan anggaran"]
        assert cell.startswith(percent(row["spent"] / row["pagu"]))
    unranked = [p for p in kinds if kinds[p] == "pemda" and p not in expected.index]
    if unranked:
        apart = next(w.value for w in at.warning if "tidak diperingkat" in str(w.value))
        assert all(label[p] in apart for p in unranked)
        assert not set(league.index) & {label[p] for p in unranked}
