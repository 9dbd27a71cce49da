"""The briefing as a PowerPoint deck: native, editable charts and real tables."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from briefing.data import Briefing
from core import fmt
from core.i18n import t
from core.narrative import sentence
from core.summary import weakest_indicator

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x66, 0x66, 0x66)
TYPE_COLORS = {
    "pemda": RGBColor(0x1F, 0x5F, 0xA8),
    "lembaga_pendidikan": RGBColor(0xD9, 0x73, 0x0D),
}
LAST_YEAR = RGBColor(0x9A, 0xA5, 0xB1)
BAND_FILLS = {
    "hijau": RGBColor(0xC8, 0xE6, 0xC9),
    "kuning": RGBColor(0xFF, 0xEC, 0xB3),
    "merah": RGBColor(0xF8, 0xC9, 0xC4),
}
TABLE_ROWS = 16  # rows of partners per table slide


def context(b: Briefing, lang: str) -> str:
    """Period, partners, data date, whether unapproved reports are in the figures, and the
    demo label: the line every slide carries."""
    kind = (
        t(f"partner_type.{b.partner_type}", lang)
        if b.partner_type
        else t("filters.all_types", lang)
    )
    where = b.province or t("filters.all_provinces", lang)
    parts = [
        fmt.period(b.year, b.quarter, lang),
        f"{kind}, {where}",
        t("common.as_of", lang, date=fmt.long_date(b.as_of, lang)),
    ]
    if b.verified_only:
        parts.append(t("data.approved_only", lang))
    elif b.unverified:
        parts.append(t("data.includes_unverified", lang, n=b.unverified))
    else:
        parts.append(t("data.all_approved", lang))
    if b.demo:
        parts.append(t("deck.demo", lang))
    return " · ".join(parts)


def _text(slide, text: str, x, y, w, h, *, size: int, bold=False, color=None) -> None:
    frame = slide.shapes.add_textbox(x, y, w, h).text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.text = text
    paragraph.font.size = Pt(size)
    paragraph.font.bold = bold
    if color is not None:
        paragraph.font.color.rgb = color


def _slide(deck, b: Briefing, lang: str, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text(slide, title, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.9), size=28, bold=True,
          color=NAVY)  # fmt: skip
    _text(slide, context(b, lang), Inches(0.5), Inches(6.95), Inches(12.3), Inches(0.4), size=11,
          color=GREY)  # fmt: skip
    return slide


def _style_chart(chart, *, legend: bool, percent: bool, labelled=(0, 1)) -> None:
    """Legend on top, no gridlines, value labels on the series in `labelled` only (labels on
    every series of a crowded chart would overlap)."""
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
    chart.font.size = Pt(11)
    number_format = "0.0%" if percent else "#,##0"
    for n, series in enumerate(chart.plots[0].series):
        if n in labelled:
            labels = series.data_labels
            labels.show_value = True
            labels.font.size = Pt(10)
            labels.number_format = number_format
            labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.tick_labels.number_format = "0%" if percent else "#,##0"
    chart.value_axis.tick_labels.number_format_is_linked = False


def _fill(series, color: RGBColor) -> None:
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = color


def title_slide(deck, b: Briefing, lang: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text(slide, t("deck.title", lang), Inches(0.8), Inches(1.0), Inches(11.7), Inches(2.6),
          size=36, bold=True, color=NAVY)  # fmt: skip
    _text(slide, context(b, lang), Inches(0.8), Inches(4.2), Inches(11.7), Inches(1.0), size=20)
    made = t("deck.made", lang, date=fmt.long_date(date.today(), lang))
    _text(slide, made, Inches(0.8), Inches(5.4), Inches(11.7), Inches(0.6), size=14, color=GREY)


def summary_slide(deck, b: Briefing, lang: str) -> None:
    slide = _slide(deck, b, lang, t("summary.title", lang))
    frame = slide.shapes.add_textbox(Inches(0.6), Inches(1.3), Inches(12.1), Inches(5.5)).text_frame
    frame.word_wrap = True
    for n, point in enumerate(b.points):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.text = f"• {sentence(point, b.year, b.quarter, lang)}"
        paragraph.font.size = Pt(17 if len(b.points) <= 6 else 15)
        paragraph.space_after = Pt(8)


def absorption_slide(deck, b: Briefing, lang: str) -> None:
    """Serapan per partner against the same period last year: clustered bars."""
    df = b.scored.sort_values("serapan", ascending=False, na_position="last")
    data = CategoryChartData()
    data.categories = list(df["short_name"])
    data.add_series(fmt.period(b.year, b.quarter, lang), [_num(v) for v in df["serapan"]])
    data.add_series(fmt.period(b.year - 1, b.quarter, lang), [_num(v) for v in df["serapan_lalu"]])
    slide = _slide(deck, b, lang, t("deck.absorption", lang))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.5), Inches(1.2), Inches(12.3), Inches(5.7), data
    ).chart
    _style_chart(chart, legend=True, percent=True, labelled=(0,))
    chart.category_axis.reverse_order = True
    top = max([v for v in df[["serapan", "serapan_lalu"]].max() if pd.notna(v)], default=1.0)
    chart.value_axis.maximum_scale = 1.0 if top <= 1.0 else None
    chart.value_axis.minimum_scale = 0.0
    chart.category_axis.tick_labels.font.size = Pt(10)
    _fill(chart.plots[0].series[0], TYPE_COLORS["pemda"])
    _fill(chart.plots[0].series[1], LAST_YEAR)


def trend_slide(deck, b: Briefing, lang: str) -> None:
    """Cumulative serapan through the quarters, one line per year."""
    trend = b.trend[b.trend["year"].between(b.year - 3, b.year)]
    data = CategoryChartData()
    data.categories = [fmt.quarter_name(q, lang) for q in (1, 2, 3, 4)]
    for year, part in trend.groupby("year"):
        by_quarter = part.set_index("quarter")
        values = [
            _num(by_quarter.loc[q, "realisasi_cum_rp"] / by_quarter.loc[q, "pagu_rp"])
            if q in by_quarter.index and by_quarter.loc[q, "pagu_rp"]
            else None
            for q in (1, 2, 3, 4)
        ]
        data.add_series(str(year), values)
    slide = _slide(deck, b, lang, t("deck.trend", lang))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.LINE_MARKERS, Inches(0.8), Inches(1.2), Inches(11.7), Inches(5.6), data
    ).chart
    # Only the latest year is labelled: four years of labels on one line would collide.
    _style_chart(chart, legend=True, percent=True, labelled=(len(chart.plots[0].series) - 1,))


def coverage_slide(deck, b: Briefing, lang: str) -> None:
    """Villages reached and not yet reached per regional partner: stacked bars."""
    regions = b.scored[b.scored["villages_total"] > 0].sort_values("cakupan_kumulatif")
    if regions.empty:
        return
    data = CategoryChartData()
    data.categories = list(regions["short_name"])
    reached = regions["reached_cumulative"].astype(int)
    data.add_series(t("deck.reached", lang), list(reached))
    data.add_series(
        t("deck.unreached", lang), list(regions["villages_total"].astype(int) - reached)
    )
    slide = _slide(deck, b, lang, t("deck.coverage", lang))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_STACKED, Inches(0.5), Inches(1.2), Inches(12.3), Inches(5.7), data
    ).chart
    _style_chart(chart, legend=True, percent=False)
    chart.category_axis.tick_labels.font.size = Pt(10)
    _fill(chart.plots[0].series[0], RGBColor(0x2E, 0x7D, 0x32))
    _fill(chart.plots[0].series[1], RGBColor(0xE0, 0xE0, 0xE0))


def graduates_slide(deck, b: Briefing, lang: str) -> None:
    """Graduates against the yearly target per partner: clustered columns."""
    df = b.scored[b.scored["target_trainees"] > 0].sort_values("graduated", ascending=False)
    if df.empty:
        return
    data = CategoryChartData()
    data.categories = list(df["short_name"])
    data.add_series(t("deck.graduates", lang), [int(v) for v in df["graduated"]])
    data.add_series(t("deck.target", lang), [int(v) for v in df["target_trainees"]])
    slide = _slide(deck, b, lang, t("deck.graduates_title", lang))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.5), Inches(1.2), Inches(12.3), Inches(5.7), data
    ).chart
    _style_chart(chart, legend=True, percent=False)
    chart.category_axis.tick_labels.font.size = Pt(9)
    _fill(chart.plots[0].series[0], TYPE_COLORS["pemda"])
    _fill(chart.plots[0].series[1], LAST_YEAR)


def _num(value):
    return None if pd.isna(value) else float(value)


def _table(slide, header: list[str], rows: list[list[str]], widths: list[float], fills=None):
    shape = slide.shapes.add_table(
        len(rows) + 1, len(header), Inches(0.5), Inches(1.2), Inches(sum(widths)),
        Inches(0.31 * (len(rows) + 1)),
    )  # fmt: skip
    table = shape.table
    for n, width in enumerate(widths):
        table.columns[n].width = Inches(width)
    for row in table.rows:
        row.height = Inches(0.31)
    for r, row in enumerate([header, *rows]):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            cell.text_frame.paragraphs[0].font.size = Pt(11)
            cell.text_frame.paragraphs[0].font.bold = r == 0
            if r and fills and fills[r - 1][c] is not None:
                cell.fill.solid()
                cell.fill.fore_color.rgb = fills[r - 1][c]
    return table


def league_slides(deck, b: Briefing, lang: str) -> None:
    """The league table of each group, red/amber/green with the band's name in the cell."""
    for group in ("pemda", "lembaga_pendidikan"):
        part = b.scored[b.scored["partner_type"] == group].sort_values(["peringkat", "short_name"])
        for start in range(0, len(part), TABLE_ROWS):
            chunk = part.iloc[start : start + TABLE_ROWS]
            title = t("deck.league", lang, group=t(f"summary.group_{group}", lang))
            slide = _slide(deck, b, lang, title)
            rows, fills = [], []
            for _, r in chunk.iterrows():
                band = r["band_indeks"]
                weakest = weakest_indicator(r, b.config)
                change = r["perubahan_peringkat"]
                rows.append(
                    [
                        "–" if pd.isna(r["peringkat"]) else str(int(r["peringkat"])),
                        r["short_name"],
                        fmt.number(r["indeks"], lang, 1),
                        t(f"band.{band or 'none'}", lang),
                        _arrow(change),
                        t(f"indicator.{weakest}", lang) if weakest else "–",
                    ]
                )
                fills.append([None, None, BAND_FILLS.get(band), BAND_FILLS.get(band), None, None])
            header = [
                t(f"deck.col_{k}", lang)
                for k in ("rank", "partner", "index", "band", "change", "weakest")
            ]
            _table(slide, header, rows, [1.3, 3.4, 1.2, 2.2, 1.7, 3.0], fills)


def _arrow(change) -> str:
    if pd.isna(change):
        return "–"
    return f"▲ {int(change)}" if change > 0 else f"▼ {int(-change)}" if change < 0 else "= 0"


def expiring_slide(deck, b: Briefing, lang: str) -> None:
    soon = b.mous[b.mous["status"] == "akan_berakhir"].sort_values("days_left")
    slide = _slide(deck, b, lang, t("deck.expiring", lang))
    if soon.empty:
        _text(slide, t("ringkasan.no_expiring", lang), Inches(0.6), Inches(1.4), Inches(12),
              Inches(1), size=18)  # fmt: skip
        return
    rows = [
        [r.short_name, r.number, fmt.long_date(r.valid_until, lang), fmt.number(r.days_left, lang),
         fmt.number(r.pks_count, lang)]
        for r in soon.itertuples()
    ]  # fmt: skip
    header = [
        t(f"deck.col_{k}", lang) for k in ("partner", "number", "valid_until", "days_left", "pks")
    ]
    _table(slide, header, rows, [3.4, 3.0, 2.6, 1.6, 1.4])


def partner_slides(deck, b: Briefing, lang: str) -> None:
    """One slide per partner: its index, rank and the indicators behind them."""
    for _, r in b.scored.sort_values(
        ["partner_type", "short_name"], ascending=[False, True]
    ).iterrows():
        slide = _slide(deck, b, lang, r["short_name"])
        rows = [
            [t("deck.col_index", lang), fmt.number(r["indeks"], lang, 1)],
            [
                t("deck.col_rank", lang),
                "–" if pd.isna(r["peringkat"]) else str(int(r["peringkat"])),
            ],
            *[
                [t(f"indicator.{i.key}", lang), fmt.percent(r[i.key], lang)]
                for i in b.config.indicators
                if i.weights.get(r["partner_type"], 0) > 0
            ],
            [t("metric.pagu", lang), fmt.rupiah(r["pagu_rp"], lang)],
            [t("metric.realisasi", lang), fmt.rupiah(r["realisasi_rp"], lang)],
        ]
        _table(slide, [t("deck.col_indicator", lang), t("deck.col_value", lang)], rows, [5.0, 3.0])


def build(b: Briefing, *, lang: str = "id", per_partner: bool = False) -> bytes:
    """The deck as PPTX bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    title_slide(deck, b, lang)
    summary_slide(deck, b, lang)
    absorption_slide(deck, b, lang)
    trend_slide(deck, b, lang)
    coverage_slide(deck, b, lang)
    graduates_slide(deck, b, lang)
    league_slides(deck, b, lang)
    expiring_slide(deck, b, lang)
    if per_partner:
        partner_slides(deck, b, lang)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
