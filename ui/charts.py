"""Chart builders: a tidy frame in, a plotly figure out; same colours for the same things."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core import fmt
from core.i18n import t
from ui.geo import ISLANDS

TYPE_COLORS = {"pemda": "#1f5fa8", "lembaga_pendidikan": "#d9730d"}
BAND_COLORS = {"hijau": "#2e7d32", "kuning": "#e0a800", "merah": "#c62828"}
PREVIOUS_COLOR = "#9aa5b1"
SEX_COLORS = {"female": "#b5487a", "male": "#3b7dbf"}
FONT = "DejaVu Sans, Arial, sans-serif"


def style(fig: go.Figure, lang: str, *, height: int = 420, title: str | None = None) -> go.Figure:
    """Shared layout: Indonesian separators, white template, legend on top, readable margins."""
    fig.update_layout(
        template="plotly_white",
        separators=",." if lang == "id" else ".,",
        height=height,
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 20, "t": 60 if title else 30, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        title={"text": title, "x": 0, "font": {"size": 15}} if title else None,
        hoverlabel={"font_family": FONT},
    )
    return fig


def _height(rows: int) -> int:
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
    fig = style(fig, lang, height=_height(len(df)))
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
    return style(fig, lang, height=_height(len(df)))


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
    fig = style(fig, lang, height=_height(len(df)))
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
    return style(fig, lang, height=_height(len(df) * 1.6))


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


INDONESIA = ((94.5, 141.5), (-11.5, 7.5))
JAVA_NTB = ((105.0, 117.2), (-9.2, -5.6))


def partner_map(frame: pd.DataFrame, lang: str, bounds=INDONESIA) -> go.Figure:
    """Partners on a schematic, offline map: the whole country, or a closer look (`bounds`,
    ((lon min, max), (lat min, max))) where partners are named. Needs short_name,
    partner_type, lat, lon, and a hover text column `detail`."""
    (west, east), (south, north) = bounds
    inside = frame["lon"].between(west, east) & frame["lat"].between(south, north)
    # Names only on a closer look with few partners; with hundreds, hover tells who is who.
    named = bounds != INDONESIA and int(inside.sum()) <= 40
    fig = go.Figure()
    for name, points in ISLANDS.items():
        lon, lat = zip(*(points + points[:1]), strict=True)
        fig.add_scatter(
            x=lon,
            y=lat,
            fill="toself",
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            fillcolor="#eef1f5",
            line={"color": "#c5ccd6", "width": 1},
            name=name,
        )
    for ptype, part in frame.groupby("partner_type", sort=False):
        fig.add_scatter(
            x=part["lon"],
            y=part["lat"],
            mode="markers+text" if named else "markers",
            name=type_label(ptype, lang),
            showlegend=bounds == INDONESIA,
            # Alternate label sides so that neighbours on Java do not print over each other.
            textposition=["top center" if i % 2 else "bottom center" for i in range(len(part))],
            textfont={"size": 10, "color": "#333"},
            marker={
                "size": 12,
                "color": TYPE_COLORS[ptype],
                "line": {"width": 1, "color": "white"},
                "symbol": "circle" if ptype == "pemda" else "diamond",
            },
            text=part["short_name"].str.replace("Kab. ", "", regex=False),
            customdata=part["detail"],
            hovertemplate="%{customdata}<extra></extra>",
        )
    fig.update_xaxes(visible=False, range=list(bounds[0]))
    fig.update_yaxes(visible=False, range=list(bounds[1]), scaleanchor="x", scaleratio=1)
    fig = style(fig, lang, height=330 if named else 430)
    fig.update_layout(plot_bgcolor="#f8fbff")
    return fig


def mou_timeline(frame: pd.DataFrame, lang: str, today) -> go.Figure:
    """Agreements as bars from signing to expiry. Needs short_name, kind ('MoU'|'PKS'),
    number, start, end."""
    colors = {"MoU": "#1f5fa8", "PKS": "#7fb069"}
    df = frame.sort_values(["short_name", "start"])
    fig = go.Figure()
    for kind, part in df.groupby("kind", sort=False):
        fig.add_bar(
            y=part["short_name"],
            base=pd.to_datetime(part["start"]),
            x=(pd.to_datetime(part["end"]) - pd.to_datetime(part["start"])).dt.days * 86_400_000,
            orientation="h",
            name=kind,
            marker_color=colors[kind],
            width=0.7 if kind == "MoU" else 0.35,
            text=part["number"],
            hovertemplate="%{text}<extra></extra>",
        )
    fig.add_vline(x=pd.Timestamp(today).timestamp() * 1000, line_dash="dash", line_color="#c62828")
    fig.add_annotation(
        x=pd.Timestamp(today).timestamp() * 1000,
        y=1.0,
        yref="paper",
        showarrow=False,
        text=t("chart.today", lang),
        font={"color": "#c62828"},
        yanchor="bottom",
    )
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed")
    return style(fig, lang, height=_height(df["short_name"].nunique()))


def follow_through_heatmap(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Partner × scope area, coloured by the share of items done, with 'done/items' text.

    Needs short_name, scope_code, items, done.
    """
    df = frame.assign(share=frame["done"] / frame["items"])
    share = df.pivot(index="short_name", columns="scope_code", values="share")
    text = df.assign(label=df["done"].astype(str) + "/" + df["items"].astype(str)).pivot(
        index="short_name", columns="scope_code", values="label"
    )
    columns = list(share.columns)
    fig = go.Figure(
        go.Heatmap(
            z=share.values * 100,
            x=[t(f"scope_short.{c}", lang) for c in columns],
            y=list(share.index),
            text=text.values,
            texttemplate="%{text}",
            colorscale=[[0, "#f4c7c3"], [0.5, "#fbe7a1"], [1, "#b7dfb9"]],
            zmin=0,
            zmax=100,
            colorbar={"title": "%", "ticksuffix": "%"},
            hovertemplate="%{y} – %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    return style(fig, lang, height=_height(len(share)))


def effort_vs_outcome(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Effort (graduates and outreach participants per 1.000 placements) against
    non-procedural departures prevented per 1.000 placements. Needs short_name, partner_type,
    effort, outcome."""
    fig = go.Figure()
    named = len(frame) <= 30  # beyond that, names would cover the points: hover instead
    for ptype, part in frame.groupby("partner_type", sort=False):
        fig.add_scatter(
            x=part["effort"],
            y=part["outcome"],
            mode="markers+text" if named else "markers",
            name=type_label(ptype, lang),
            text=part["short_name"],
            textposition="top center",
            textfont={"size": 11},
            marker={"size": 12 if named else 7, "color": TYPE_COLORS[ptype], "opacity": 0.85},
            hovertemplate="%{text}: %{x:,.0f} · %{y:,.1f}<extra></extra>",
        )
    # Log scale: effort per 1.000 placements spans two orders of magnitude between partners.
    fig.update_xaxes(title=t("chart.effort_axis", lang), type="log")
    fig.update_yaxes(title=t("chart.outcome_axis", lang), rangemode="tozero")
    return style(fig, lang, height=460)
