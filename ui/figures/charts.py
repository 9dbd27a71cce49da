"""Chart builders: a tidy frame in, a plotly figure out; same colours for the same things."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from core.text import fmt
from core.text.i18n import t

TYPE_COLORS = {"pemda": "#1f5fa8", "lembaga_pendidikan": "#d9730d"}
BAND_COLORS = {"hijau": "#2e7d32", "kuning": "#e0a800", "merah": "#c62828"}
PREVIOUS_COLOR = "#9aa5b1"
SEX_COLORS = {"female": "#b5487a", "male": "#3b7dbf"}
FONT = "DejaVu Sans, Arial, sans-serif"
# Every figure starts on the white template: plotly gives a new figure the default template
# as it is, where naming it in update_layout validated a copy of the whole template for each
# chart (9 ms of a page's run, every chart, every rerun).
pio.templates.default = "plotly_white"


def style(fig: go.Figure, lang: str, *, height: int = 420, title: str | None = None) -> go.Figure:
    """Shared layout: Indonesian separators (also on the axes), white template, legend on
    top, readable margins."""
    fig.update_layout(
        separators=",." if lang == "id" else ".,",
        height=height,
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 20, "t": 60 if title else 30, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        title={"text": title, "x": 0, "font": {"size": 15}} if title else None,
        hoverlabel={"font_family": FONT},
    )
    # 1.562 and 10.000 on the axes, never 1562 or 10k.
    fig.update_xaxes(separatethousands=True, exponentformat="none")
    fig.update_yaxes(separatethousands=True, exponentformat="none")
    return fig


def bar_height(rows: int) -> int:
    return max(300, 110 + 26 * rows)


def type_label(partner_type: str, lang: str) -> str:
    return t(f"partner_type.{partner_type}", lang)


def absorption_vs_last_year(frame: pd.DataFrame, lang: str, period_label: str) -> go.Figure:
    """Horizontal bars of serapan per partner with last year's same period as a marker.

    Needs short_name, partner_type, serapan, serapan_lalu (fractions).
    """
    df = frame.sort_values("serapan", na_position="first")
    fig = go.Figure()
    for ptype, part in df.groupby("partner_type", sort=False):
        fig.add_bar(
            y=part["short_name"],
            x=part["serapan"] * 100,
            orientation="h",
            name=f"{type_label(ptype, lang)} – {period_label}",
            marker_color=TYPE_COLORS[ptype],
            text=[fmt.percent(v, lang) for v in part["serapan"]],
            textposition="outside",
            cliponaxis=False,
        )
    fig.add_scatter(
        y=df["short_name"],
        x=df["serapan_lalu"] * 100,
        mode="markers",
        name=t("chart.same_period_last_year", lang),
        marker={"symbol": "line-ns-open", "size": 18, "line": {"width": 3}, "color": "#333"},
    )
    fig.update_xaxes(title=t("chart.serapan_axis", lang), ticksuffix="%", rangemode="tozero")
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["short_name"]))
    fig = style(fig, lang, height=bar_height(len(df)))
    fig.update_layout(margin_r=70)  # room for the percentage labels beyond the bars
    return fig


def budget_trend(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Cumulative serapan through the quarters, one line per year.

    Needs year, quarter, pagu_rp and realisasi_cum_rp (cumulative within the year).
    """
    fig = go.Figure()
    years = sorted(frame["year"].unique())
    shades = ["#c7d7ee", "#8fb0dc", "#4f86c6", "#1f5fa8", "#0d3b73"][-len(years) :]
    for year, color in zip(years, shades, strict=False):
        part = frame[frame["year"] == year].sort_values("quarter")
        serapan = part["realisasi_cum_rp"] / part["pagu_rp"].where(part["pagu_rp"] > 0) * 100
        fig.add_scatter(
            x=[fmt.ROMAN[q] if lang == "id" else f"Q{q}" for q in part["quarter"]],
            y=serapan,
            mode="lines+markers",
            name=str(year),
            line={"color": color, "width": 3},
        )
    fig.update_yaxes(title=t("chart.serapan_axis", lang), ticksuffix="%", rangemode="tozero")
    fig.update_xaxes(title=t("chart.quarter_axis", lang))
    return style(fig, lang, height=360)


def graduates_vs_target(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Graduates against the annual target per partner. Needs short_name, partner_type,
    graduated, target_trainees."""
    df = frame.sort_values("graduated")
    fig = go.Figure()
    fig.add_bar(
        y=df["short_name"],
        x=df["target_trainees"],
        orientation="h",
        name=t("chart.target", lang),
        marker_color="#e3e8ef",
    )
    for ptype, part in df.groupby("partner_type", sort=False):
        fig.add_bar(
            y=part["short_name"],
            x=part["graduated"],
            orientation="h",
            name=f"{t('chart.graduated', lang)} – {type_label(ptype, lang)}",
            marker_color=TYPE_COLORS[ptype],
            width=0.5,
        )
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title=t("chart.people_axis", lang))
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["short_name"]))
    return style(fig, lang, height=bar_height(len(df)))


def cost_per_graduate(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Rupiah per graduate by partner. Needs short_name, partner_type, biaya_per_lulusan_rp."""
    df = frame.dropna(subset=["biaya_per_lulusan_rp"]).sort_values("biaya_per_lulusan_rp")
    fig = go.Figure()
    for ptype, part in df.groupby("partner_type", sort=False):
        fig.add_bar(
            y=part["short_name"],
            x=part["biaya_per_lulusan_rp"] / 1e6,
            orientation="h",
            name=type_label(ptype, lang),
            marker_color=TYPE_COLORS[ptype],
            text=[fmt.rupiah(v, lang) for v in part["biaya_per_lulusan_rp"]],
            textposition="outside",
            cliponaxis=False,
        )
    fig.update_xaxes(title=t("chart.million_rp_axis", lang))
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["short_name"]))
    fig = style(fig, lang, height=bar_height(len(df)))
    fig.update_layout(margin_r=110)  # room for the "Rp8,5 juta" labels beyond the bars
    return fig


def training_funnel(funnel: pd.DataFrame, lang: str, partner_type: str | None) -> go.Figure:
    """Registered → graduated → certified → placed. Needs stage, people, share_of_registered."""
    labels = [t(f"funnel.{s}", lang) for s in funnel["stage"]]
    fig = go.Figure(
        go.Funnel(
            y=labels,
            x=funnel["people"],
            text=[
                f"{fmt.number(p, lang)} ({fmt.percent(s, lang, 0)})"
                for p, s in zip(funnel["people"], funnel["share_of_registered"], strict=True)
            ],
            textinfo="text",
            marker={"color": TYPE_COLORS.get(partner_type or "", "#4f6d8a")},
        )
    )
    return style(fig, lang, height=320)


def coverage_bars(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Villages reached ÷ all villages per regional partner: this period and cumulative.

    Needs short_name, cakupan_periode, cakupan_kumulatif, cakupan_tertimbang.
    """
    df = frame.sort_values("cakupan_kumulatif")
    fig = go.Figure()
    series = (
        ("cakupan_kumulatif", TYPE_COLORS["pemda"]),
        ("cakupan_periode", "#8fb0dc"),
    )
    for column, color in series:
        fig.add_bar(
            y=df["short_name"],
            x=df[column] * 100,
            orientation="h",
            name=t(f"chart.{column}", lang),
            marker_color=color,
        )
    fig.add_scatter(
        y=df["short_name"],
        x=df["cakupan_tertimbang"] * 100,
        mode="markers",
        name=t("chart.cakupan_tertimbang", lang),
        marker={"symbol": "diamond", "size": 10, "color": "#0d3b73"},
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=t("chart.coverage_axis", lang), ticksuffix="%", range=[0, 105])
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["short_name"]))
    return style(fig, lang, height=bar_height(len(df) * 1.6))


def participants_by_sex(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked participants per quarter. Needs year, quarter, participants_male/female."""
    x = [fmt.quarter(y, q, lang) for y, q in zip(frame["year"], frame["quarter"], strict=True)]
    fig = go.Figure()
    fig.add_bar(
        x=x,
        y=frame["participants_female"],
        name=t("chart.female", lang),
        marker_color=SEX_COLORS["female"],
    )
    fig.add_bar(
        x=x,
        y=frame["participants_male"],
        name=t("chart.male", lang),
        marker_color=SEX_COLORS["male"],
    )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=t("chart.people_axis", lang))
    return style(fig, lang, height=360)


def events_over_time(frame: pd.DataFrame, villages_total: int, lang: str) -> go.Figure:
    """Events per quarter (bars) and cumulative village coverage (line, right axis).

    Needs year, quarter, events, villages_new.
    """
    x = [fmt.quarter(y, q, lang) for y, q in zip(frame["year"], frame["quarter"], strict=True)]
    cumulative = frame["villages_new"].cumsum() / villages_total * 100 if villages_total else None
    fig = go.Figure()
    fig.add_bar(x=x, y=frame["events"], name=t("chart.events", lang), marker_color="#8fb0dc")
    if cumulative is not None:
        fig.add_scatter(
            x=x,
            y=cumulative,
            name=t("chart.cakupan_kumulatif", lang),
            yaxis="y2",
            mode="lines+markers",
            line={"color": TYPE_COLORS["pemda"], "width": 3},
        )
    fig.update_layout(
        yaxis={"title": t("chart.events_axis", lang)},
        yaxis2={
            "title": t("chart.coverage_axis", lang),
            "overlaying": "y",
            "side": "right",
            "ticksuffix": "%",
            "range": [0, 100],
            "tickvals": [0, 25, 50, 75, 100],
            "showgrid": False,
        },
    )
    return style(fig, lang, height=380)
