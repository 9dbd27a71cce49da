"""Anggaran & Pelatihan: pagu vs realisasi, serapan against last year, graduates and cost."""

import streamlit as st

from core.figures.indicators import funnel
from core.text import fmt
from ui.figures import charts, compute
from ui.frame import reads, tables, widgets
from ui.frame.data import read
from ui.frame.state import current, t, verified_only

f = current(__file__)
widgets.header("budget.title", f)
now = compute.indicators(f.year, f.quarter, f.partner_type, f.province)
if now.empty:
    widgets.empty("common.no_partners")
if int(now["pagu_rp"].sum()) == 0:
    widgets.empty("budget.no_budget")
before = compute.previous(f)[["partner_id", "serapan", "realisasi_rp"]]
now = now.merge(
    before.add_suffix("_lalu").rename(columns={"partner_id_lalu": "partner_id"}),
    on="partner_id",
    how="left",
)
period = f.period.label(f.lang)

st.subheader(t("budget.absorption_title"))
st.caption(
    t("budget.absorption_note", period=period, previous=f.period.previous_year().label(f.lang))
)
few = widgets.focus(now, by="serapan", key="absorption")
st.plotly_chart(
    charts.absorption_vs_last_year(few, f.lang, period), key="absorption", width="stretch"
)
# With approved figures only, a report waiting for verification is not missing: it is sent.
awaiting = now["awaiting_approval"] & verified_only()
waiting = now.loc[~now["reported"] & awaiting, "short_name"].tolist()
if waiting:
    st.info(
        t(
            "budget.awaiting_report",
            quarter=fmt.quarter(f.year, f.quarter, f.lang),
            partners=", ".join(waiting),
        )
    )
widgets.over_ceiling_note(now)
missing = now.loc[~now["reported"] & ~awaiting, "short_name"].tolist()
if missing:
    st.warning(
        t(
            "budget.missing_report",
            quarter=fmt.quarter(f.year, f.quarter, f.lang),
            partners=", ".join(missing),
        )
    )
columns = {
    "short_name": ("col.partner", None),
    "pagu_rp": ("col.pagu", "rp"),
    "realisasi_rp": ("col.realisasi", "rp"),
    "sisa_anggaran_rp": ("col.sisa", "rp"),
    "serapan": ("col.serapan", "pct"),
    "serapan_lalu": ("col.serapan_last_year", "pct"),
    "target_trainees": ("col.target", "int"),
    "graduated": ("col.graduated", "int"),
    "capaian_peserta": ("col.capaian", "pct"),
    "biaya_per_lulusan_rp": ("col.cost_per_graduate", "rp"),
    "target_source": ("col.target_source", None),
    "budget_target_rp": ("col.budget_target", "rp"),
    "pagu_thd_target": ("col.pagu_vs_target", "pct"),
}
shown = now[list(columns)].assign(
    biaya_per_lulusan_rp=now["biaya_per_lulusan_rp"].round(),
    target_source=[t(f"target_source.{s}") if s else fmt.DASH for s in now["target_source"]],
)
shown.columns = [t(label) for label, _ in columns.values()]
tables.table(
    shown,
    key="budget",
    filters=f,
    name=t("budget.table_name"),
    formats={t(label): kind for label, kind in columns.values() if kind},
    partner_ids=now["partner_id"],
    details=[
        t(c)
        for c in (
            "col.sisa",
            "col.serapan_last_year",
            "col.target",
            "col.cost_per_graduate",
            "col.target_source",
            "col.budget_target",
            "col.pagu_vs_target",
        )
    ],
)
st.caption(t("budget.target_note"))

st.subheader(t("budget.trend_title"))
trend = read(reads.budget.budget_by_quarter, through=(f.year, f.quarter), **f.partners)
st.caption(t("budget.trend_note"))
st.plotly_chart(charts.budget_trend(trend, f.lang), key="trend", width="stretch")

left, right = st.columns(2)
with left:
    st.subheader(t("budget.graduates_title"))
    few = widgets.focus(now, by="capaian_peserta", key="graduates")
    st.plotly_chart(charts.graduates_vs_target(few, f.lang), key="graduates", width="stretch")
with right:
    st.subheader(t("budget.cost_title"))
    few = widgets.focus(now, by="biaya_per_lulusan_rp", key="cost")
    st.plotly_chart(charts.cost_per_graduate(few, f.lang), key="cost", width="stretch")

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
            st.plotly_chart(
                charts.training_funnel(stages, f.lang, group),
                key=f"funnel_{group}",
                width="stretch",
            )

st.subheader(t("budget.destination_title"))
dest = read(reads.budget.cohorts_by_destination, **f.scope)
if dest.empty:
    st.info(t("budget.no_trainees"))
else:
    labels = [
        "destination",
        "sector",
        "cohorts",
        "registered",
        "graduated",
        "certified",
        "placed",
        "cost",
    ]
    shown = dest.set_axis([t(f"col.{c}") for c in labels], axis=1)
    counts = {t(f"col.{c}"): "int" for c in labels[2:-1]}
    tables.table(
        shown,
        key="destinations",
        filters=f,
        name=t("budget.destination_title"),
        formats={**counts, t("col.cost"): "rp"},
    )
