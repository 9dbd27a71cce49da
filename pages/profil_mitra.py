"""Profil Mitra: everything about one partner on one page."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.accounts.roles import Role
from core.figures.indicators import add_mou_status, add_yearly_gaps, days_overdue, mou_status
from core.figures.periods import today
from core.text import fmt
from ui.accounts import accounts_view, auth
from ui.figures import charts, compute
from ui.frame import reads, tables, widgets
from ui.frame.data import read
from ui.frame.state import PROFILE_KEY, current, t
from ui.reporting import comments_view

f = current(__file__)
widgets.demo_banner()
partners = read(reads.partners.list_partners)
if partners.empty:
    widgets.empty("common.no_partners")
me = auth.account()
if me and me["role"] == Role.MITRA:
    # A partner's operator sees its own partner only.
    partners = partners[partners["partner_id"] == me["partner_id"]]
    st.session_state[PROFILE_KEY] = me["partner_id"]
codes = dict(zip(partners["code"], partners["partner_id"], strict=True))
wanted = st.query_params.get(widgets.PARTNER_PARAM)
if wanted in codes:
    st.session_state[PROFILE_KEY] = int(codes[wanted])
elif wanted:
    # The code itself is not echoed: it comes from the address bar.
    st.warning(t("profile.unknown_code"))
ids = partners["partner_id"].tolist()
if st.session_state.get(PROFILE_KEY) not in ids:
    st.session_state[PROFILE_KEY] = ids[0]
names = dict(zip(partners["partner_id"], partners["name"], strict=True))
code_of = {pid: code for code, pid in codes.items()}
st.session_state["w_profile"] = st.session_state[PROFILE_KEY]
pid = st.selectbox(
    t("profile.choose"),
    ids,
    key="w_profile",
    format_func=names.get,
    on_change=lambda: widgets.chosen_partner(
        code_of[st.session_state["w_profile"]], st.session_state["w_profile"]
    ),
)
# The address names the partner shown, so that it can be shared or bookmarked.
st.query_params[widgets.PARTNER_PARAM] = code_of[pid]
p = partners.set_index("partner_id").loc[pid]
st.title(p["name"])
st.caption(
    " · ".join(
        [
            t(f"partner_type.{p['partner_type']}"),
            p["province"],
            t("profile.codes", kemendagri=p["kemendagri_code"], bps=p["bps_code"]),
            t("common.period", period=f.period.label(f.lang)),
            t("common.as_of", date=fmt.long_date(widgets.data_as_of(f), f.lang)),
        ]
    )
)
widgets.data_badge(f, partner_id=pid)

scored = compute.scored(replace(f, partner_type=None, province=None))
row = scored.set_index("partner_id").loc[pid]
cols = st.columns(5)
cols[0].metric(
    f"{t('col.index')} · {tables.band_label(row['band_indeks'])}",
    fmt.number(row["indeks"], f.lang, 1),
)
cols[1].metric(
    t("col.rank"),
    f"{row['peringkat']} / {row['ranked_in_group']}" if pd.notna(row["peringkat"]) else "–",
)
cols[2].metric(
    t("metric.serapan"),
    fmt.percent(row["serapan"], f.lang),
    help=t(
        "profile.budget_help",
        pagu=fmt.rupiah(row["pagu_rp"], f.lang),
        realisasi=fmt.rupiah(row["realisasi_rp"], f.lang),
    ),
)
widgets.over_ceiling_note(scored[scored["partner_id"] == pid])
cols[3].metric(
    t("metric.graduates"),
    fmt.number(row["graduated"], f.lang),
    help=t(
        "profile.target_help",
        target=fmt.number(row["target_trainees"], f.lang),
        source=t(f"target_source.{row['target_source']}") if row["target_source"] else fmt.DASH,
    ),
)
cols[4].metric(
    t("metric.coverage"),
    fmt.percent(row["cakupan_kumulatif"], f.lang),
    help=t(
        "profile.village_target_help",
        target=fmt.number(row["villages_target"], f.lang),
        reached=fmt.number(row["reached_period"], f.lang),
        share=fmt.percent(row["capaian_target_desa"], f.lang),
    )
    if row["villages_target"]
    else None,
)

st.subheader(t("profile.mou_title"))
mous = add_mou_status(read(reads.mou.mou_registry, partner_id=pid), today())
pks = read(reads.mou.pks_list, partner_id=pid)
shown = pd.DataFrame(
    {
        t("col.number"): list(mous["number"]) + list(pks["number"]),
        t("col.kind"): ["MoU"] * len(mous) + ["PKS"] * len(pks),
        t("col.title"): [t("profile.mou_kind")] * len(mous) + list(pks["title"]),
        t("col.signed_on"): [*mous["signed_on"], *pks["signed_on"]],
        t("col.valid_until"): [*mous["valid_until"], *pks["valid_until"]],
        t("col.status"): [t(f"mou_status.{s}") for s in mous["status"]]
        + [t(f"mou_status.{mou_status(v, False, today())}") for v in pks["valid_until"]],
    }
)
tables.table(
    shown,
    key="profile_mou",
    filters=f,
    name=t("profile.mou_title"),
    formats={t("col.signed_on"): "date", t("col.valid_until"): "date"},
)
if pks.empty:
    st.warning(t("profile.no_pks"))

st.subheader(t("profile.follow_through_title"))
items = read(reads.mou.deliverables_of_partner, partner_id=pid)
late = [days_overdue(s, d, today()) for s, d in zip(items["status"], items["due_on"], strict=True)]
if any(late):
    st.warning(t("profile.overdue_items", n=sum(1 for d in late if d)), icon=":material/alarm:")
shown = pd.DataFrame(
    {
        t("col.scope"): [t(f"scope.{s}") for s in items["scope_code"]],
        t("col.deliverable"): [t(f"deliverable.{k}") for k in items["kind"]],
        t("col.status"): [
            t(f"deliverable_status.{s}")
            + (t("deliverable_status.late", days=fmt.number(d, f.lang)) if d else "")
            for s, d in zip(items["status"], late, strict=True)
        ],
        t("col.due_on"): items["due_on"],
        t("col.completed_on"): items["completed_on"],
        t("col.evidence"): items["evidence_note"],
    }
)
tables.table(
    shown,
    key="profile_items",
    filters=f,
    name=t("profile.follow_through_title"),
    formats={t("col.due_on"): "date", t("col.completed_on"): "date"},
    details=[t("col.scope"), t("col.completed_on"), t("col.evidence")],
)

st.subheader(t("budget.trend_title"))
trend = read(reads.budget.budget_by_quarter, partner_id=pid, through=(f.year, f.quarter))
if trend.empty:
    st.info(t("budget.no_budget"))
else:
    st.plotly_chart(charts.budget_trend(trend, f.lang), key="profile_trend", width="stretch")
# Full width: four counts per year do not fit beside the chart on a laptop.
st.subheader(t("profile.outcomes_title"))
# Yearly figures come with the TW IV report: a year still in progress has none yet.
last_year = f.period.outcome_year
if last_year != f.year:
    st.caption(t("common.yearly_until", year=last_year, period=f.period.label(f.lang)))
recent = tuple(range(last_year - 3, last_year + 1))
outcomes = read(reads.outcomes.outcomes_by_partner, years=recent, partner_id=pid)
shown = pd.DataFrame(
    {
        t("col.year"): outcomes["year"].astype(str),
        t("col.placements"): outcomes["placements"],
        t("col.complaints"): outcomes["complaints"],
        t("col.nonprocedural"): outcomes["nonprocedural_prevented"],
        t("col.returns"): outcomes["returns_facilitated"],
    }
)
counts = ["col.placements", "col.complaints", "col.nonprocedural", "col.returns"]
tables.table(
    shown,
    key="profile_outcomes",
    filters=f,
    name=t("profile.outcomes_title"),
    formats={t(c): "int" for c in counts},
)

st.subheader(t("profile.yearly_title"))
st.caption(t("profile.yearly_note"))
yearly = add_yearly_gaps(read(reads.outcomes.yearly_beside_quarterly, years=recent, partner_id=pid))
shown = pd.DataFrame(
    {
        t("col.year"): yearly["year"].astype(str),
        t("col.measure"): [t(f"yearly_measure.{c}") for c in yearly["measure"]],
        t("col.quarterly_sum"): yearly["quarterly"],
        t("col.published"): yearly["published"],
        t("col.gap"): yearly["gap"],
        t("col.quarters_reported"): yearly["quarters"],
    }
)
figures = ["col.quarterly_sum", "col.published", "col.gap", "col.quarters_reported"]
tables.table(
    shown,
    key="profile_yearly",
    filters=f,
    name=t("profile.yearly_title"),
    formats={t(c): "int" for c in figures},
)

if p["partner_type"] == "pemda":
    st.subheader(t("profile.villages_title"))
    villages = read(
        reads.socialization.villages_of_partner, partner_id=pid, year=f.year, quarter=f.quarter
    )
    unreached = villages[~villages["reached"]]
    st.caption(
        t(
            "profile.villages_note",
            unreached=fmt.number(len(unreached), f.lang),
            total=fmt.number(len(villages), f.lang),
        )
    )
    shown = pd.DataFrame(
        {
            t("col.village_code"): villages["code"],
            t("col.village"): villages["name"],
            t("col.village_kind"): [t(f"village_kind.{k}") for k in villages["kind"]],
            t("col.pmi_count"): villages["pmi_count"],
            t("col.events"): villages["events"],
            t("col.last_held"): villages["last_held"],
            t("col.in_totals"): villages["in_totals"],
        }
    )
    tables.table(
        shown,
        key="profile_villages",
        filters=f,
        name=t("profile.villages_title"),
        formats={
            t("col.pmi_count"): "int",
            t("col.events"): "int",
            t("col.last_held"): "date",
            t("col.in_totals"): "int",
        },
        details=[t("col.in_totals")],
    )

comments_view.threads(pid, f)

if me and me["role"] == Role.ADMIN:
    accounts_view.operator_accounts(pid, names[pid], f)
