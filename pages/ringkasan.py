"""Ringkasan: where the MoUs stand, who is behind, what expires soon, and where partners are."""

import pandas as pd
import streamlit as st

from core import fmt
from core.indicators import add_mou_status, change
from core.periods import today
from core.scoring import load_config
from core.summary import furthest_behind, totals
from ui import charts, compute, widgets
from ui.data import read
from ui.state import current, t

f = current()
widgets.header("ringkasan.title", f)
scored = compute.scored(f)
if scored.empty:
    widgets.empty("common.no_partners")

now, before = totals(scored), totals(compute.previous(f))
outcomes = read("outcomes_by_partner", years=(f.year - 1, f.year), **f.partners)
placed_now = int(outcomes.loc[outcomes["year"] == f.year, "placements"].sum())
placed_before = int(outcomes.loc[outcomes["year"] == f.year - 1, "placements"].sum())
vs = t("ringkasan.vs_last_year")
cols = st.columns(5)
cols[0].metric(
    t("metric.pagu"), fmt.rupiah(now["pagu_rp"], f.lang),
    f"{fmt.percent(change(now['pagu_rp'], before['pagu_rp'])[1], f.lang)} {vs}",
)  # fmt: skip
cols[1].metric(
    t("metric.serapan"), fmt.percent(now["serapan"], f.lang),
    f"{fmt.points(change(now['serapan'], before['serapan'])[0], f.lang)} {vs}",
    help=t("metric.serapan_help", realisasi=fmt.rupiah(now["realisasi_rp"], f.lang)),
)  # fmt: skip
cols[2].metric(
    t("metric.graduates"), fmt.number(now["graduated"], f.lang),
    f"{fmt.percent(change(now['graduated'], before['graduated'])[1], f.lang)} {vs}",
    help=t("metric.graduates_help", target=fmt.number(now["target_trainees"], f.lang),
           share=fmt.percent(now["capaian_peserta"], f.lang)),
)  # fmt: skip
cols[3].metric(
    t("metric.coverage"), fmt.percent(now["cakupan_kumulatif"], f.lang),
    f"{fmt.points(change(now['cakupan_kumulatif'], before['cakupan_kumulatif'])[0], f.lang)} {vs}",
    help=t("metric.coverage_help", reached=fmt.number(now["reached_cumulative"], f.lang),
           total=fmt.number(now["villages_total"], f.lang)),
)  # fmt: skip
cols[4].metric(
    t("metric.placements", year=f.year), fmt.number(placed_now, f.lang),
    f"{fmt.percent(change(placed_now, placed_before)[1], f.lang)} {vs}",
)  # fmt: skip

left, right = st.columns([3, 2])
with left:
    st.subheader(t("ringkasan.behind_title"))
    behind = furthest_behind(scored, load_config())
    if behind.empty:
        st.info(t("common.no_scores"))
    else:
        shown = pd.DataFrame({
            t("col.partner"): behind["short_name"],
            t("col.partner_type"): [t(f"partner_type.{v}") for v in behind["partner_type"]],
            t("col.index"): [fmt.number(v, f.lang, 1) for v in behind["indeks"]],
            t("col.band"): [widgets.band_label(b) for b in behind["band_indeks"]],
            t("col.weakest"): [t(f"indicator.{k}") if k else "–" for k in behind["weakest"]],
        })  # fmt: skip
        widgets.table(shown, key="behind", filters=f, name=t("ringkasan.behind_title"),
                      partner_ids=behind["partner_id"])  # fmt: skip
with right:
    st.subheader(t("ringkasan.expiring_title"))
    mous = add_mou_status(read("mou_registry", **f.partners), today())
    expiring = mous[mous["status"] == "akan_berakhir"].sort_values("valid_until")
    if expiring.empty:
        st.info(t("ringkasan.no_expiring"))
    else:
        shown = pd.DataFrame({
            t("col.partner"): expiring["short_name"],
            t("col.valid_until"): [fmt.long_date(d, f.lang) for d in expiring["valid_until"]],
            t("col.days_left"): expiring["days_left"],
        })  # fmt: skip
        widgets.table(shown, key="expiring", filters=f, name=t("ringkasan.expiring_title"),
                      partner_ids=expiring["partner_id"])  # fmt: skip

st.subheader(t("ringkasan.map_title"))
points = read("list_partners", **f.partners).merge(
    scored[["partner_id", "indeks", "band_indeks"]], on="partner_id", how="left"
)
points["detail"] = [
    f"{r.name}<br>{t('col.index')}: {fmt.number(r.indeks, f.lang, 1)} ({widgets.band_label(r.band_indeks)})"
    for r in points.itertuples()
]
st.plotly_chart(charts.partner_map(points, f.lang), key="map", width="stretch")
st.caption(t("ringkasan.map_note"))
