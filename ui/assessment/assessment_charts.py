"""Chart builders of the self-assessment results: frame in, figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.assessment.assessment_scores import TOTAL
from core.text import fmt
from core.text.i18n import t
from ui.figures.charts import bar_height, style

SELF_COLOR = "#d9730d"
VERIFIED_COLOR = "#1f5fa8"
PEER_COLOR = "#9aa5b1"


def scope_label(code: str, lang: str) -> str:
    return t("assess.total", lang) if code == TOTAL else t(f"scope_short.{code}", lang)


def gap(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Self against verified total per partner, joined by a line: the longer the line to
    the right, the more a partner over-rates itself. Needs short_name, self_score,
    verified_score, gap (largest first)."""
    df = frame.iloc[::-1]  # largest gap on top
    fig = go.Figure()
    for _, row in df.iterrows():
        fig.add_scatter(
            x=[row["verified_score"], row["self_score"]],
            y=[row["short_name"]] * 2,
            mode="lines",
            line={"color": "#c8ced6", "width": 4},
            showlegend=False,
            hoverinfo="skip",
        )
    for column, color, symbol, key in (
        ("verified_score", VERIFIED_COLOR, "circle", "assess.verified_score"),
        ("self_score", SELF_COLOR, "diamond", "assess.self_score"),
    ):
        fig.add_scatter(
            x=df[column],
            y=df["short_name"],
            mode="markers",
            name=t(key, lang),
            marker={"color": color, "symbol": symbol, "size": 12},
            hovertemplate="%{y}: %{x:.1f}<extra>" + t(key, lang) + "</extra>",
        )
    fig.add_scatter(
        x=[max(a, b) for a, b in zip(df["self_score"], df["verified_score"], strict=True)],
        y=df["short_name"],
        mode="text",
        text=[f"+{fmt.number(g, lang, 1)}" if g > 0 else "" for g in df["gap"]],
        textposition="middle right",
        showlegend=False,
        hoverinfo="skip",
    )
    fig.update_xaxes(title=t("assess.score_axis", lang), range=[0, 108])
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["short_name"]))
    return style(fig, lang, height=bar_height(len(df)))


def peers(frame: pd.DataFrame, points: pd.DataFrame, lang: str) -> go.Figure:
    """Per scope area: the peers' verified scores as grey dots, the partner's own self score
    (left) and verified score (right) beside them. `frame` from
    core.assessment.assessment_scores.peers;
    `points` has scope_code and verified_score of each peer (no names)."""
    position = {code: n for n, code in enumerate(frame["scope_code"])}
    # Peers with the same score spread out a little so that each dot shows.
    spread = points.groupby(["scope_code", "verified_score"]).cumcount()
    fig = go.Figure()
    fig.add_scatter(
        x=[
            position.get(c, 0) + 0.06 * (k % 4 - 1.5)
            for c, k in zip(points["scope_code"], spread, strict=True)
        ],
        y=points["verified_score"],
        mode="markers",
        name=t("assess.peers_verified", lang),
        marker={"color": PEER_COLOR, "size": 9, "opacity": 0.7},
        hovertemplate="%{y:.1f}<extra></extra>",
    )
    for column, color, symbol, key, shift in (
        ("self_score", SELF_COLOR, "diamond", "assess.self_score", -0.3),
        ("verified_score", VERIFIED_COLOR, "circle", "assess.verified_score", 0.3),
    ):
        fig.add_scatter(
            x=[position[c] + shift for c in frame["scope_code"]],
            y=frame[column],
            mode="markers",
            name=t(key, lang),
            marker={"color": color, "symbol": symbol, "size": 15, "line": {"width": 1}},
            hovertemplate="%{y:.1f}<extra>" + t(key, lang) + "</extra>",
        )
    fig.update_xaxes(
        tickvals=list(position.values()),
        ticktext=[scope_label(c, lang) for c in position],
        range=[-0.6, len(position) - 0.4],
        showgrid=False,
    )
    fig.update_yaxes(title=t("assess.score_axis", lang), range=[0, 105])
    return style(fig, lang, height=420)


def scopes(table: pd.DataFrame, lang: str) -> go.Figure:
    """Partner × scope area, coloured by the verified score (the self score where not yet
    verified, marked with *). Needs short_name, scope_code, self_score, verified_score."""
    df = table.assign(
        score=table["verified_score"].fillna(table["self_score"]),
        label=[
            fmt.number(v, lang, 0) if pd.notna(v) else f"{fmt.number(s, lang, 0)}*"
            for v, s in zip(table["verified_score"], table["self_score"], strict=True)
        ],
    )
    order = list(dict.fromkeys(df["short_name"]))
    columns = list(dict.fromkeys(df["scope_code"]))
    score = df.pivot(index="short_name", columns="scope_code", values="score").loc[order, columns]
    text = df.pivot(index="short_name", columns="scope_code", values="label").loc[order, columns]
    fig = go.Figure(
        go.Heatmap(
            z=score.values,
            x=[scope_label(c, lang) for c in columns],
            y=order,
            text=text.values,
            texttemplate="%{text}",
            colorscale=[[0, "#f4c7c3"], [0.5, "#fbe7a1"], [1, "#b7dfb9"]],
            zmin=0,
            zmax=100,
            colorbar={"title": t("assess.score_axis", lang)},
            hovertemplate="%{y} – %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    return style(fig, lang, height=bar_height(len(order)))


__all__ = ["gap", "peers", "scopes"]
