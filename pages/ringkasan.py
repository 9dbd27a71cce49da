"""Ringkasan: where the MoUs stand, who is behind, what expires soon, and where partners are."""

import pandas as pd
import streamlit as st

from core.figures.indicators import add_mou_status, change
from core.figures.narrative import Inputs, key_points, sentence
from core.figures.periods import today
from core.figures.scoring import load_config
from core.figures.summary import comparison, furthest_behind, measure_change, yearly_change
from core.text import fmt
from ui.figures import charts_places, compute
from ui.frame import reads, tables, widgets
from ui.frame.data import read
from ui.frame.state import current, t

f = current(__file__)
widgets.header("ringkasan.title", f)
scored = compute.scored(f)
if scored.empty:
    widgets.empty("common.no_partners")

previous = compute.previous(f)
now, before, compared, same_partners = comparison(scored, previous)
base = compared or now  # a change is read over the same partners on both sides
# Yearly figures come with the TW IV report: before it, the last complete year.
year = f.period.outcome_year
placed = yearly_change(
    read(reads.outcomes.outcomes_by_partner, years=(year - 1, year), **f.partners),
    "placements",
    year,
)
vs = t("ringkasan.vs_last_year")


def relative(key: str) -> str:
    return f"{fmt.percent(change(base[key], before[key])[1], f.lang)} {vs}"


def points(key: str) -> str:
    return f"{fmt.points(change(base[key], before[key])[0], f.lang)} {vs}"


row1, row2 = st.columns(3, border=True), st.columns(3, border=True)
row1[0].metric(t("metric.pagu"), fmt.rupiah(now["pagu_rp"], f.lang), relative("pagu_rp"))
row1[1].metric(
    t("metric.realisasi"), fmt.rupiah(now["realisasi_rp"], f.lang), relative("realisasi_rp")
)
row1[2].metric(
    t("metric.serapan"),
    fmt.percent(now["serapan"], f.lang),
    points("serapan"),
    help=t("metric.serapan_help", realisasi=fmt.rupiah(now["realisasi_rp"], f.lang)),
)
# Graduates are compared over the partners with trainees in both periods: a report of the
# period without its trainees yet is not a fall to zero.
trained = measure_change(scored, previous, "graduated", "registered")
graduates_change = change(trained.same_now, trained.before)[1] if trained.before else None
row2[0].metric(
    t("metric.graduates"),
    fmt.number(now["graduated"], f.lang),
    None if graduates_change is None else f"{fmt.percent(graduates_change, f.lang)} {vs}",
    help=t(
        "metric.graduates_help",
        target=fmt.number(now["target_trainees"], f.lang),
        share=fmt.percent(now["capaian_peserta"], f.lang),
    ),
)
row2[1].metric(
    t("metric.coverage"),
    fmt.percent(now["cakupan_kumulatif"], f.lang),
    points("cakupan_kumulatif"),
    help=t(
        "metric.coverage_help",
        reached=fmt.number(now["reached_cumulative"], f.lang),
        total=fmt.number(now["villages_total"], f.lang),
    ),
)
placements_change = change(placed.same_now, placed.before)[1] if placed.before else None
row2[2].metric(
    t("metric.placements", year=year),
    fmt.number(placed.now, f.lang),
    None if placements_change is None else f"{fmt.percent(placements_change, f.lang)} {vs}",
    help=t("metric.placements_help", year=year, period=f.period.label(f.lang))
    if year != f.year
    else None,
)
total = pd.DataFrame([{"short_name": t("budget.selected_partners"), "serapan": now["serapan"]}])
widgets.over_ceiling_note(total)
if trained.before is not None and trained.both < trained.partners:
    st.caption(
        t(
            "ringkasan.graduates_partial",
            n=trained.both,
            now=fmt.number(trained.same_now, f.lang),
            before=fmt.number(trained.before, f.lang),
        )
    )
if placed.before is not None and placed.both < placed.partners:
    st.caption(
        t(
            "ringkasan.placements_partial",
            n=placed.both,
            year=year,
            now=fmt.number(placed.same_now, f.lang),
            before=fmt.number(placed.before, f.lang),
        )
    )
if compared is not None:
    st.caption(
        t(
            "ringkasan.compared_partial",
            n=same_partners,
            previous=f.period.previous_year().label(f.lang),
        )
    )

mous = add_mou_status(read(reads.mou.mou_registry, **f.partners), today())
st.subheader(t("summary.title"))
summary = Inputs(f.year, f.quarter, now, before, scored, mous, load_config(), compared)
st.markdown("\n".join(f"- {sentence(p, f.year, f.quarter, f.lang)}" for p in key_points(summary)))

st.subheader(t("ringkasan.behind_title"))
behind = furthest_behind(scored, load_config())
if behind.empty:
    st.info(t("ringkasan.none_behind" if scored["indeks"].notna().any() else "common.no_scores"))
else:
    shown = pd.DataFrame(
        {
            t("col.partner"): behind["short_name"],
            t("col.partner_type"): [t(f"partner_type.{v}") for v in behind["partner_type"]],
            t("col.index"): behind["indeks"].round(1),
            t("col.band"): [tables.band_label(b) for b in behind["band_indeks"]],
            t("col.weakest"): [t(f"indicator.{k}") if k else "–" for k in behind["weakest"]],
        }
    )
    bands = pd.DataFrame({t("col.band"): behind["band_indeks"]})
    tables.table(
        shown,
        key="behind",
        filters=f,
        name=t("ringkasan.behind_title"),
        formats={t("col.index"): "dec1"},
        partner_ids=behind["partner_id"],
        bands=bands,
    )

st.subheader(t("ringkasan.expiring_title"))
tables.expiring_mous(mous, f, key="expiring", name=t("ringkasan.expiring_title"))

st.subheader(t("ringkasan.map_title"))
located = read(reads.partners.list_partners, **f.partners).merge(
    scored[["partner_id", "indeks", "band_indeks"]], on="partner_id", how="left"
)
located["detail"] = [
    f"{r.name}<br>{t('col.index')}: {fmt.number(r.indeks, f.lang, 1)}"
    f" ({tables.band_label(r.band_indeks)})"
    for r in located.itertuples()
]
# On the closer look each point carries its index, not only on hover.
located["label"] = [
    f"{r.short_name.removeprefix('Kab. ')} {fmt.number(r.indeks, f.lang, 1)}"
    for r in located.itertuples()
]
st.plotly_chart(charts_places.partner_map(located, f.lang), key="map", width="stretch")
st.markdown(f"**{t('ringkasan.map_java')}**")
st.plotly_chart(
    charts_places.partner_map(located, f.lang, bounds=charts_places.JAVA_NTB),
    key="map_java",
    width="stretch",
)
st.caption(t("ringkasan.map_note"))
