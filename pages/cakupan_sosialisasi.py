"""Cakupan Sosialisasi: villages reached ÷ all villages, participants by sex, events over time."""

import pandas as pd
import streamlit as st

from core.figures.summary import totals
from core.text import fmt
from ui.figures import charts, compute
from ui.frame import reads, tables, widgets
from ui.frame.data import read
from ui.frame.state import current, t

f = current(__file__)
widgets.header("coverage.title", f)
if f.partner_type == "lembaga_pendidikan":
    widgets.empty("coverage.institutions_only")
now = compute.indicators(f.year, f.quarter, "pemda", f.province)
now = now[now["villages_total"] > 0]
if now.empty:
    widgets.empty("coverage.no_regions")
sums = totals(now)
weighted = sum(now["reached_cumulative_pmi"]) / max(1, sum(now["pmi_total"]))

cols = st.columns(4)
cols[0].metric(
    t("coverage.reached_period"),
    fmt.percent(sums["cakupan_periode"], f.lang),
    help=t(
        "coverage.reached_period_help",
        reached=fmt.number(sums["reached_period"], f.lang),
        total=fmt.number(sums["villages_total"], f.lang),
        quarter=fmt.quarter(f.year, f.quarter, f.lang),
    ),
)
cols[1].metric(
    t("coverage.reached_cumulative"),
    fmt.percent(sums["cakupan_kumulatif"], f.lang),
    help=t(
        "coverage.reached_cumulative_help",
        reached=fmt.number(sums["reached_cumulative"], f.lang),
        total=fmt.number(sums["villages_total"], f.lang),
        quarter=fmt.quarter(f.year, f.quarter, f.lang),
        first=min(read(reads.partners.filter_options)["years"], default=f.year),
    ),
)
cols[2].metric(
    t("coverage.weighted"), fmt.percent(weighted, f.lang), help=t("coverage.weighted_help")
)
people = sums["participants_male"] + sums["participants_female"]
cols[3].metric(
    t("coverage.participants"),
    fmt.number(people, f.lang),
    help=t(
        "coverage.female_share",
        share=fmt.percent(sums["participants_female"] / people if people else float("nan"), f.lang),
    ),
)

st.subheader(t("coverage.by_partner_title"))
few = widgets.focus(now, by="cakupan_kumulatif", key="coverage")
st.plotly_chart(charts.coverage_bars(few, f.lang), key="coverage", width="stretch")
columns = {
    "short_name": ("col.partner", None),
    "villages_total": ("col.villages_total", "int"),
    "reached_period": ("col.reached_period", "int"),
    "cakupan_periode": ("col.coverage_period", "pct"),
    "reached_cumulative": ("col.reached_cumulative", "int"),
    "cakupan_kumulatif": ("col.coverage_cumulative", "pct"),
    "cakupan_tertimbang": ("col.coverage_weighted", "pct"),
    "events": ("col.events", "int"),
    "participants_female": ("col.female", "int"),
    "participants_male": ("col.male", "int"),
    "villages_target": ("col.villages_target", "int"),
    "capaian_target_desa": ("col.village_target_share", "pct"),
    "villages_unlisted": ("col.villages_unlisted", "int"),
}
shown = now[list(columns)].set_axis([t(label) for label, _ in columns.values()], axis=1)
tables.table(
    shown,
    key="coverage",
    filters=f,
    name=t("coverage.table_name"),
    formats={t(label): kind for label, kind in columns.values() if kind},
    partner_ids=now["partner_id"],
    details=[
        t(c)
        for c in (
            "col.reached_cumulative",
            "col.coverage_weighted",
            "col.female",
            "col.male",
            "col.villages_target",
            "col.village_target_share",
            "col.villages_unlisted",
        )
    ],
)
st.caption(t("coverage.target_note"))
if sums["villages_unlisted"]:
    st.caption(t("coverage.unlisted_note", n=fmt.number(sums["villages_unlisted"], f.lang)))

quarters = read(reads.socialization.events_by_quarter, partner_type="pemda", province=f.province)
quarters = quarters[quarters["year"] * 4 + quarters["quarter"] <= f.year * 4 + f.quarter]
st.subheader(t("coverage.events_title"))
st.plotly_chart(
    charts.events_over_time(quarters, sums["villages_total"], f.lang), key="events", width="stretch"
)
st.subheader(t("coverage.sex_title"))
st.plotly_chart(charts.participants_by_sex(quarters, f.lang), key="sex", width="stretch")

st.subheader(t("coverage.topics_title"))
topics = read(
    reads.socialization.events_by_topic,
    year=f.year,
    quarter=f.quarter,
    partner_type="pemda",
    province=f.province,
)
if topics.empty:
    st.info(t("coverage.no_events"))
else:
    shown = pd.DataFrame(
        {
            t("col.topic"): [t(f"topic.{c}") for c in topics["topic"]],
            t("col.events"): topics["events"],
            t("col.female"): topics["participants_female"],
            t("col.male"): topics["participants_male"],
        }
    )
    tables.table(
        shown,
        key="topics",
        filters=f,
        name=t("coverage.topics_title"),
        formats={t("col.events"): "int", t("col.female"): "int", t("col.male"): "int"},
    )
