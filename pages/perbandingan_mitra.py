"""Perbandingan Mitra: league tables with red/amber/green bands and labels, effort vs outcome."""

import pandas as pd
import streamlit as st

from core.figures.scoring import load_config
from core.figures.summary import NOTHING_BEHIND, weakest_indicator
from core.text import fmt
from ui.figures import charts_places, compute
from ui.frame import reads, tables, widgets
from ui.frame.data import read
from ui.frame.state import current, t

f = current(__file__)
widgets.header("compare.title", f)
scored = compute.scored(f)
if scored.empty:
    widgets.empty("common.no_partners")
config = load_config()


BAND_LABELS = {b: tables.band_label(b) for b in ("hijau", "kuning", "merah", None)}


def cell(value, band) -> str:
    return f"{fmt.percent(value, f.lang)} · {BAND_LABELS[band]}" if pd.notna(value) else "–"


def weakest(row: pd.Series) -> str:
    key = weakest_indicator(row, config)
    if key is None:
        return "–"
    if key == NOTHING_BEHIND:
        return t(f"indicator.{key}")
    return f"{t(f'indicator.{key}')} ({fmt.percent(row[key], f.lang)})"


def arrow(delta) -> str:
    if pd.isna(delta):
        return "–"
    return f"▲ {int(delta)}" if delta > 0 else f"▼ {int(-delta)}" if delta < 0 else "= 0"


groups = [g for g in ("pemda", "lembaga_pendidikan") if g in set(scored["partner_type"])]
tabs = st.tabs([t(f"compare.tab_{g}", n=int((scored["partner_type"] == g).sum())) for g in groups])
for tab, group in zip(tabs, groups, strict=True):
    with tab:
        everyone = scored[scored["partner_type"] == group]
        part = everyone[everyone["indeks"].notna()].sort_values(["peringkat", "short_name"])
        unranked = everyone[everyone["indeks"].isna()].sort_values("short_name")
        keys = [i.key for i in config.indicators if i.weights[group] > 0]
        shown = pd.DataFrame(
            {
                t("col.rank"): part["peringkat"].astype("string").fillna("–"),
                t("col.rank_change"): [arrow(v) for v in part["perubahan_peringkat"]],
                t("col.partner"): part["short_name"],
                t("col.index"): [
                    f"{fmt.number(v, f.lang, 1)} · {BAND_LABELS[b]}"
                    for v, b in zip(part["indeks"], part["band_indeks"], strict=True)
                ],
                t("col.weakest"): [weakest(r) for _, r in part.iterrows()],
                **{
                    t(f"indicator.{k}"): [
                        cell(v, b) for v, b in zip(part[k], part[f"band_{k}"], strict=True)
                    ]
                    for k in keys
                },
            }
        )
        bands = pd.DataFrame(
            {
                t("col.index"): part["band_indeks"].tolist(),
                **{t(f"indicator.{k}"): part[f"band_{k}"].tolist() for k in keys},
            }
        )
        tables.table(
            shown,
            key=f"league_{group}",
            filters=f,
            name=t(f"compare.tab_{group}", n=len(part)),
            partner_ids=part["partner_id"],
            bands=bands,
            # As on the briefing's slide: rank, index and weakest indicator; every indicator
            # on demand.
            details=[t(f"indicator.{k}") for k in keys],
        )
        st.caption(
            t(
                "compare.rank_note",
                n=len(part),
                previous=f.period.previous_year().label(f.lang),
            )
        )
        if len(unranked):
            st.warning(
                t(
                    "compare.unranked",
                    period=f.period.label(f.lang),
                    n=len(unranked),
                    partners=", ".join(unranked["short_name"]),
                )
            )

widgets.over_ceiling_note(scored)
st.subheader(t("compare.effort_title"))
outcomes = read(reads.outcomes.outcomes_by_partner, years=(f.year,), **f.partners)
effort = scored.merge(
    outcomes[["partner_id", "placements", "nonprocedural_prevented"]], on="partner_id"
)
effort = effort[effort["placements"] > 0]
if effort.empty:
    st.info(t("compare.no_outcomes", year=f.year))
else:
    per_thousand = 1000 / effort["placements"]
    effort["effort"] = (
        effort["graduated"]
        + effort["participants_male"].fillna(0)
        + effort["participants_female"].fillna(0)
    ) * per_thousand
    effort["outcome"] = effort["nonprocedural_prevented"] * per_thousand
    st.caption(t("compare.effort_note", period=f.period.label(f.lang), year=f.year))
    st.plotly_chart(charts_places.effort_vs_outcome(effort, f.lang), key="effort", width="stretch")

with st.expander(t("compare.method_title")):
    st.markdown(
        t(
            "compare.method_text",
            green=fmt.number(config.index_green, f.lang),
            amber=fmt.number(config.index_amber, f.lang),
        )
    )
    q = f.quarter
    method = pd.DataFrame(
        {
            t("col.indicator"): [t(f"indicator.{i.key}") for i in config.indicators],
            t("col.green_from"): [
                fmt.percent(i.thresholds(q)[0], f.lang) for i in config.indicators
            ],
            t("col.amber_from"): [
                fmt.percent(i.thresholds(q)[1], f.lang) for i in config.indicators
            ],
            t("col.weight_pemda"): [
                fmt.number(i.weights["pemda"], f.lang, 2) for i in config.indicators
            ],
            t("col.weight_institution"): [
                fmt.number(i.weights["lembaga_pendidikan"], f.lang, 2) for i in config.indicators
            ],
        }
    )
    tables.table(method, key="method", filters=f, name=t("compare.method_title"))
