"""Charts about places and agreements: the partners' map, the MoU timeline, the follow-
through heatmap and effort against outcome (pure builders; frames in, figures out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.text.i18n import t
from ui.figures.charts import TYPE_COLORS, bar_height, style, type_label
from ui.figures.geo import ISLANDS

INDONESIA = ((94.5, 141.5), (-11.5, 7.5))
JAVA_NTB = ((105.0, 117.2), (-9.2, -5.6))


def partner_map(frame: pd.DataFrame, lang: str, bounds=INDONESIA) -> go.Figure:
    """Partners on a schematic, offline map: the whole country, or a closer look (`bounds`,
    ((lon min, max), (lat min, max))) where partners are named. Needs short_name,
    partner_type, lat, lon, a hover text column `detail`, and optionally `label`, the text
    beside each point on a closer look (else the short name)."""
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
            text=part["label"] if "label" in part else part["short_name"],
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
            # The MoU's number inside its bar, readable; a PKS bar is too thin: on hover.
            textposition="inside" if kind == "MoU" else "none",
            insidetextanchor="start",
            textfont={"size": 11, "color": "white"},
            hovertemplate="%{text}<extra></extra>",
        )
    # Under the bars, so that it never crosses out a number.
    fig.add_vline(
        x=pd.Timestamp(today).timestamp() * 1000,
        line_dash="dash",
        line_color="#c62828",
        layer="below",
    )
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
    return style(fig, lang, height=bar_height(df["short_name"].nunique()))


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
    return style(fig, lang, height=bar_height(len(share)))


def effort_vs_outcome(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Effort (graduates and outreach participants per 1.000 placements) against
    non-procedural departures prevented per 1.000 placements. Needs short_name, partner_type,
    effort, outcome."""
    fig = go.Figure()
    named = len(frame) <= 30  # beyond that, names would cover the points: hover instead
    # Neighbours along the effort axis put their names on alternating sides.
    order = frame["effort"].rank(method="first")
    sides = ("top center", "bottom center", "middle right", "middle left")
    position = {i: sides[int(r) % len(sides)] for i, r in order.items()}
    for ptype, part in frame.groupby("partner_type", sort=False):
        fig.add_scatter(
            x=part["effort"],
            y=part["outcome"],
            mode="markers+text" if named else "markers",
            name=type_label(ptype, lang),
            text=part["short_name"],
            textposition=[position[i] for i in part.index],
            textfont={"size": 11},
            marker={"size": 12 if named else 7, "color": TYPE_COLORS[ptype], "opacity": 0.85},
            hovertemplate="%{text}: %{x:,.0f} · %{y:,.1f}<extra></extra>",
        )
    # Log scale: effort per 1.000 placements spans two orders of magnitude between partners.
    fig.update_xaxes(title=t("chart.effort_axis", lang), type="log")
    fig.update_yaxes(title=t("chart.outcome_axis", lang), rangemode="tozero")
    return style(fig, lang, height=460)
