"""Anggaran & Pelatihan: pagu vs realisasi, serapan against last year, graduates and cost."""

import pandas as pd
import streamlit as st

from core import fmt
from core.indicators import cumulative_by_quarter, funnel
from ui import charts, compute, widgets
from ui.data import read
from ui.state import current, t

f = current()
widgets.header("budget.title", f)
now = compute.indicators(f.year, f.quarter, f.partner_type, f.province)
if now.empty:
    widgets.empty("common.no_partners")
if int(now["pagu_rp"].sum()) == 0:
    widgets.empty("budget.no_budget")
before = compute.previous(f)[["partner_id", "serapan", "realisasi_rp"]]
now = now.merge(before.add_suffix("_lalu").rename(columns={"partner_id_lalu": "partner_id"}),
                on="partner_id", how="left")  # fmt: skip
period = f.period.label(f.lang)

st.subheader(t("budget.absorption_title"))
st.caption(t("budget.absorption_note", period=period, previous=f.period.previous_year().label(f.lang)))
st.plotly_chart(charts.absorption_vs_last_year(now, f.lang, period), key="absorption", width="stretch")
missing = now.loc[~now["reported"], "short_name"].tolist()
if missing:
    st.warning(t("budget.missing_report", quarter=fmt.quarter(f.year, f.quarter, f.lang),
                 partners=", ".join(missing)))  # fmt: skip
shown = pd.DataFrame({
    t("col.partner"): now["short_name"],
    t("col.pagu"): [fmt.rupiah_full(v, f.lang) for v in now["pagu_rp"]],
    t("col.realisasi"): [fmt.rupiah_full(v, f.lang) for v in now["realisasi_rp"]],
    t("col.sisa"): [fmt.rupiah_full(v, f.lang) for v in now["sisa_anggaran_rp"]],
    t("col.serapan"): [fmt.percent(v, f.lang) for v in now["serapan"]],
    t("col.serapan_last_year"): [fmt.percent(v, f.lang) for v in now["serapan_lalu"]],
    t("col.target"): now["target_trainees"],
    t("col.graduated"): now["graduated"],
    t("col.capaian"): [fmt.percent(v, f.lang) for v in now["capaian_peserta"]],
    t("col.cost_per_graduate"): [fmt.rupiah_full(v, f.lang) for v in now["biaya_per_lulusan_rp"].round()],
})  # fmt: skip
widgets.table(shown, key="budget", filters=f, name=t("budget.table_name"),
              partner_ids=now["partner_id"])  # fmt: skip

st.subheader(t("budget.trend_title"))
trend = read("budget_by_quarter", **f.partners)
trend = trend.groupby(["year", "quarter"], as_index=False)[["pagu_rp", "realisasi_rp"]].sum()
trend["realisasi_cum_rp"] = cumulative_by_quarter(trend, "realisasi_rp", [])
st.plotly_chart(charts.budget_trend(trend, f.lang), key="trend", width="stretch")

left, right = st.columns(2)
with left:
    st.subheader(t("budget.graduates_title"))
    st.plotly_chart(charts.graduates_vs_target(now, f.lang), key="graduates", width="stretch")
with right:
    st.subheader(t("budget.cost_title"))
    st.plotly_chart(charts.cost_per_graduate(now, f.lang), key="cost", width="stretch")

st.subheader(t("budget.funnel_title"))
groups = [g for g in ("lembaga_pendidikan", "pemda") if g in set(now["partner_type"])]
cols = st.columns(len(groups))
for col, group in zip(cols, groups, strict=True):
    with col:
        st.markdown(f"**{t(f'partner_type.{group}')}**")
        stages = funnel(now[now["partner_type"] == group])
        if stages["people"].iloc[0] == 0:
            st.info(t("budget.no_trainees"))
        else:
            st.plotly_chart(charts.training_funnel(stages, f.lang, group), key=f"funnel_{group}",
                            width="stretch")  # fmt: skip

st.subheader(t("budget.destination_title"))
dest = read("cohorts_by_destination", **f.scope)
if dest.empty:
    st.info(t("budget.no_trainees"))
else:
    shown = pd.DataFrame({
        t("col.destination"): dest["destination"], t("col.sector"): dest["sector"],
        t("col.cohorts"): dest["cohorts"], t("col.registered"): dest["registered"],
        t("col.graduated"): dest["graduated"], t("col.certified"): dest["certified"],
        t("col.placed"): dest["placed"],
        t("col.cost"): [fmt.rupiah_full(v, f.lang) for v in dest["cost_rp"]],
    })  # fmt: skip
    widgets.table(shown, key="destinations", filters=f, name=t("budget.destination_title"))
