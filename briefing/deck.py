"""The briefing as a PowerPoint deck: native, editable charts and real tables."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from briefing.data import Briefing
from briefing.layout import (  # noqa: F401 - BAND_FILLS and context are used by the page too
    BAND_FILLS,
    GREY,
    LAST_YEAR,
    NAVY,
    TABLE_ROWS,
    TYPE_COLORS,
    add_table,
    arrow,
    context,
    fill,
    message,
    num,
    style_chart,
    text_box,
    titled_slide,
)
from core.figures.narrative import sentence
from core.figures.summary import over_ceiling, weakest_indicator
from core.text import fmt
from core.text.i18n import t

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)


def title_slide(deck, b: Briefing, lang: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    text_box(
        slide,
        t("deck.title", lang),
        Inches(0.8),
        Inches(1.0),
        Inches(11.7),
        Inches(2.6),
        size=36,
        bold=True,
        color=NAVY,
    )
    text_box(slide, context(b, lang), Inches(0.8), Inches(4.2), Inches(11.7), Inches(1.0), size=20)
    made = t("deck.made", lang, date=fmt.long_date(date.today(), lang))
    text_box(slide, made, Inches(0.8), Inches(5.4), Inches(11.7), Inches(0.6), size=14, color=GREY)


def summary_slide(deck, b: Briefing, lang: str) -> None:
    slide = titled_slide(deck, b, lang, t("summary.title", lang))
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
    data.add_series(fmt.period(b.year, b.quarter, lang), [num(v) for v in df["serapan"]])
    data.add_series(fmt.period(b.year - 1, b.quarter, lang), [num(v) for v in df["serapan_lalu"]])
    slide = titled_slide(deck, b, lang, t("deck.absorption", lang), message(b, "absorption", lang))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.5), Inches(1.2), Inches(12.3), Inches(5.7), data
    ).chart
    style_chart(chart, lang=lang, legend=True, percent=True, labelled=(0,))
    chart.category_axis.reverse_order = True
    top = max([v for v in df[["serapan", "serapan_lalu"]].max() if pd.notna(v)], default=1.0)
    chart.value_axis.maximum_scale = 1.0 if top <= 1.0 else None
    chart.value_axis.minimum_scale = 0.0
    chart.category_axis.tick_labels.font.size = Pt(10)
    fill(chart.plots[0].series[0], TYPE_COLORS["pemda"])
    fill(chart.plots[0].series[1], LAST_YEAR)
    above = over_ceiling(b.scored)
    if above:  # a serapan above 100% is never shown without saying so
        note = t("budget.over_ceiling", lang, partners=", ".join(above))
        text_box(slide, note, Inches(0.5), Inches(6.9), Inches(12.3), Inches(0.5), size=12)


def trend_slide(deck, b: Briefing, lang: str) -> None:
    """Cumulative serapan through the quarters, one line per year."""
    trend = b.trend[b.trend["year"].between(b.year - 3, b.year)]
    data = CategoryChartData()
    data.categories = [fmt.quarter_name(q, lang) for q in (1, 2, 3, 4)]
    for year, part in trend.groupby("year"):
        by_quarter = part.set_index("quarter")
        values = [
            num(by_quarter.loc[q, "realisasi_cum_rp"] / by_quarter.loc[q, "pagu_rp"])
            if q in by_quarter.index and by_quarter.loc[q, "pagu_rp"]
            else None
            for q in (1, 2, 3, 4)
        ]
        data.add_series(str(year), values)
    slide = titled_slide(deck, b, lang, t("deck.trend", lang), message(b, "trend", lang))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.LINE_MARKERS, Inches(0.8), Inches(1.2), Inches(11.7), Inches(5.6), data
    ).chart
    # Only the latest year is labelled: four years of labels on one line would collide.
    latest = len(chart.plots[0].series) - 1
    style_chart(chart, lang=lang, legend=True, percent=True, labelled=(latest,))


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
    slide = titled_slide(deck, b, lang, t("deck.coverage", lang), message(b, "coverage", lang))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_STACKED, Inches(0.5), Inches(1.2), Inches(12.3), Inches(5.7), data
    ).chart
    style_chart(chart, lang=lang, legend=True, percent=False)
    chart.category_axis.tick_labels.font.size = Pt(10)
    fill(chart.plots[0].series[0], RGBColor(0x2E, 0x7D, 0x32))
    fill(chart.plots[0].series[1], RGBColor(0xE0, 0xE0, 0xE0))


def graduates_slide(deck, b: Briefing, lang: str) -> None:
    """Graduates against the yearly target per partner: clustered columns."""
    df = b.scored[b.scored["target_trainees"] > 0].sort_values("graduated", ascending=False)
    if df.empty:
        return
    data = CategoryChartData()
    data.categories = list(df["short_name"])
    data.add_series(t("deck.graduates", lang), [int(v) for v in df["graduated"]])
    data.add_series(t("deck.target", lang), [int(v) for v in df["target_trainees"]])
    topic = t("deck.graduates_title", lang)
    slide = titled_slide(deck, b, lang, topic, message(b, "graduates", lang))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.5), Inches(1.2), Inches(12.3), Inches(5.7), data
    ).chart
    style_chart(chart, lang=lang, legend=True, percent=False)
    chart.category_axis.tick_labels.font.size = Pt(9)
    fill(chart.plots[0].series[0], TYPE_COLORS["pemda"])
    fill(chart.plots[0].series[1], LAST_YEAR)


def league_slides(deck, b: Briefing, lang: str, *, notes: bool = False) -> None:
    """The league table of each group, red/amber/green with the band's name in the cell;
    with `notes`, the comments chosen for the briefing go into the notes of the group's
    first slide, under each partner's name (when there is no slide per partner)."""
    for group in ("pemda", "lembaga_pendidikan"):
        part = b.scored[b.scored["partner_type"] == group].sort_values(["peringkat", "short_name"])
        said = []
        for _, r in part.sort_values("short_name").iterrows():
            if lines := _comments_of(b, r["partner_id"], lang):
                said += [r["short_name"], *lines]
        for start in range(0, len(part), TABLE_ROWS):
            chunk = part.iloc[start : start + TABLE_ROWS]
            title = t("deck.league", lang, group=t(f"summary.group_{group}", lang))
            slide = titled_slide(deck, b, lang, title, message(b, "league", lang, group))
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
                        arrow(change),
                        t(f"indicator.{weakest}", lang) if weakest else "–",
                    ]
                )
                fills.append([None, None, BAND_FILLS.get(band), BAND_FILLS.get(band), None, None])
            header = [
                t(f"deck.col_{k}", lang)
                for k in ("rank", "partner", "index", "band", "change", "weakest")
            ]
            add_table(slide, header, rows, [1.1, 3.5, 1.1, 2.0, 1.6, 3.0], fills)
            if notes and said and start == 0:
                slide.notes_slide.notes_text_frame.text = "\n".join(said)


def expiring_slide(deck, b: Briefing, lang: str) -> None:
    soon = b.mous[b.mous["status"] == "akan_berakhir"].sort_values("days_left")
    slide = titled_slide(deck, b, lang, t("deck.expiring", lang), message(b, "expiring", lang))
    if soon.empty:
        text_box(
            slide,
            t("ringkasan.no_expiring", lang),
            Inches(0.6),
            Inches(1.4),
            Inches(12),
            Inches(1),
            size=18,
        )
        return
    rows = [
        [
            r.short_name,
            r.number,
            fmt.long_date(r.valid_until, lang),
            fmt.number(r.days_left, lang),
            fmt.number(r.pks_count, lang),
        ]
        for r in soon.itertuples()
    ]
    header = [
        t(f"deck.col_{k}", lang) for k in ("partner", "number", "valid_until", "days_left", "pks")
    ]
    add_table(slide, header, rows, [3.4, 3.0, 2.6, 1.6, 1.4])


def partner_slides(deck, b: Briefing, lang: str) -> None:
    """One slide per partner: its index, rank and the indicators behind them."""
    for _, r in b.scored.sort_values(
        ["partner_type", "short_name"], ascending=[False, True]
    ).iterrows():
        slide = titled_slide(deck, b, lang, r["short_name"])
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
        add_table(
            slide, [t("deck.col_indicator", lang), t("deck.col_value", lang)], rows, [5.0, 3.0]
        )
        said = _comments_of(b, r["partner_id"], lang)
        if said:
            text_box(
                slide, "\n".join(said), Inches(9.0), Inches(1.6), Inches(4.0), Inches(5.0), size=12
            )
            slide.notes_slide.notes_text_frame.text = "\n".join(said)


def _comments_of(b: Briefing, partner_id: int, lang: str) -> list[str]:
    """The comments chosen for the briefing on one partner, one line each."""
    if b.comments.empty:
        return []
    mine = b.comments[b.comments["partner_id"] == partner_id]
    return [
        t(
            "deck.comment",
            lang,
            role=t(f"role.{c.author_role}", lang),
            period=f"{fmt.quarter_name(int(c.quarter), lang)} {c.year}",
            body=c.body,
        )
        for c in mine.itertuples()
    ]


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
    league_slides(deck, b, lang, notes=not per_partner)
    expiring_slide(deck, b, lang)
    if per_partner:
        partner_slides(deck, b, lang)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
