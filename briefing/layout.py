"""The pieces every briefing slide is made of: colours, the context line, a titled slide,
text boxes, chart styling and tables (python-pptx)."""

from __future__ import annotations

import pandas as pd
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from briefing.data import Briefing
from core.figures import headlines
from core.text import fmt
from core.text.i18n import t

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


def text_box(slide, text: str, x, y, w, h, *, size: int, bold=False, color=None) -> None:
    frame = slide.shapes.add_textbox(x, y, w, h).text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.text = text
    paragraph.font.size = Pt(size)
    paragraph.font.bold = bold
    if color is not None:
        paragraph.font.color.rgb = color


def titled_slide(deck, b: Briefing, lang: str, topic: str, message: str | None = None):
    """A slide whose title states its message, with the topic as subtitle (the topic alone
    where there is no message to state)."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    if message:
        # Two lines of a long message still end above the subtitle.
        text_box(
            slide,
            message,
            Inches(0.5),
            Inches(0.1),
            Inches(12.3),
            Inches(0.75),
            size=20,
            bold=True,
            color=NAVY,
        )
        text_box(
            slide, topic, Inches(0.5), Inches(0.85), Inches(12.3), Inches(0.3), size=12, color=GREY
        )
    else:
        text_box(
            slide,
            topic,
            Inches(0.5),
            Inches(0.3),
            Inches(12.3),
            Inches(0.9),
            size=28,
            bold=True,
            color=NAVY,
        )
    text_box(
        slide,
        context(b, lang),
        Inches(0.5),
        Inches(6.95),
        Inches(12.3),
        Inches(0.4),
        size=11,
        color=GREY,
    )
    return slide


# Number formats carry the deck's locale (LCID 0421: Indonesian), so that PowerPoint and the
# PDF made by LibreOffice write 88,6% and 1.562 in an Indonesian deck.
LOCALE_PREFIX = {"id": "[$-421]", "en": "[$-409]"}


def style_chart(chart, *, lang: str, legend: bool, percent: bool, labelled=(0, 1)) -> None:
    """Legend on top, no gridlines, value labels on the series in `labelled` only (labels on
    every series of a crowded chart would overlap), numbers in the deck's language."""
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
    chart.font.size = Pt(11)
    prefix = LOCALE_PREFIX.get(lang, "")
    number_format = prefix + ("0.0%" if percent else "#,##0")
    for n, series in enumerate(chart.plots[0].series):
        if n in labelled:
            labels = series.data_labels
            labels.show_value = True
            labels.font.size = Pt(10)
            labels.number_format = number_format
            labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.tick_labels.number_format = prefix + ("0%" if percent else "#,##0")
    chart.value_axis.tick_labels.number_format_is_linked = False


def fill(series, color: RGBColor) -> None:
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = color


def num(value):
    return None if pd.isna(value) else float(value)


def add_table(slide, header: list[str], rows: list[list[str]], widths: list[float], fills=None):
    shape = slide.shapes.add_table(
        len(rows) + 1,
        len(header),
        Inches(0.5),
        Inches(1.2),
        Inches(sum(widths)),
        Inches(0.31 * (len(rows) + 1)),
    )
    table = shape.table
    for n, width in enumerate(widths):
        table.columns[n].width = Inches(width)
    for row in table.rows:
        row.height = Inches(0.31)
    for r, row in enumerate([header, *rows]):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            cell.text_frame.word_wrap = True
            cell.text_frame.paragraphs[0].font.size = Pt(11 if r == 0 else 10)
            cell.text_frame.paragraphs[0].font.bold = r == 0
            if r and fills and fills[r - 1][c] is not None:
                cell.fill.solid()
                cell.fill.fore_color.rgb = fills[r - 1][c]
    return table


def message(b: Briefing, slide: str, lang: str, group: str | None = None) -> str | None:
    """The message of one slide of `b` (core.figures.headlines); None where there is nothing to
    state."""
    if slide == "absorption":
        return headlines.absorption(b.points, b.scored, lang)
    if slide == "trend":
        return headlines.trend(b.trend, b.year, b.quarter, lang)
    if slide == "coverage":
        return headlines.coverage(b.scored, lang)
    if slide == "graduates":
        return headlines.graduates(b.scored, lang)
    if slide == "league":
        return headlines.league(b.scored[b.scored["partner_type"] == group], group, lang)
    if slide == "expiring":
        return headlines.expiring(b.mous, lang)
    return None


def arrow(change) -> str:
    if pd.isna(change):
        return "–"
    return f"▲ {int(change)}" if change > 0 else f"▼ {int(-change)}" if change < 0 else "= 0"
