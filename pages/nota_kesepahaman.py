"""Nota Kesepahaman: the MoU registry, a timeline of MoUs and PKS, and follow-through."""

import pandas as pd
import streamlit as st

from core.figures.indicators import MOU_STATUSES, add_mou_status
from core.figures.periods import today
from core.text import fmt
from ui.figures import charts_places
from ui.frame import reads, tables, widgets
from ui.frame.data import read
from ui.frame.state import current, t

f = current(__file__)
widgets.header("mou.title", f, with_period=False)
mous = read(reads.mou.mou_registry, **f.partners)
if mous.empty:
    widgets.empty("common.no_partners")
day = today()
mous = add_mou_status(mous, day)
pks = read(reads.mou.pks_list, **f.partners)

counts = mous["status"].value_counts()
cols = st.columns(len(MOU_STATUSES) + 1)
for col, status in zip(cols, MOU_STATUSES, strict=False):
    col.metric(t(f"mou_status.{status}"), fmt.number(int(counts.get(status, 0)), f.lang))
without_pks = sorted(set(mous["short_name"]) - set(pks["short_name"]))
cols[-1].metric(
    t("mou.without_pks"),
    fmt.number(len(without_pks), f.lang),
    help=t("mou.without_pks_help", partners=", ".join(without_pks) or "–"),
)
st.caption(t("mou.status_note", date=fmt.long_date(day, f.lang)))

st.subheader(t("mou.registry_title"))
shown = pd.DataFrame(
    {
        t("col.number"): mous["number"],
        t("col.partner"): mous["short_name"],
        t("col.partner_type"): [t(f"partner_type.{v}") for v in mous["partner_type"]],
        t("col.signed_on"): mous["signed_on"],
        t("col.valid_until"): mous["valid_until"],
        t("col.status"): [t(f"mou_status.{s}") for s in mous["status"]],
        t("col.days_left"): mous["days_left"],
        t("col.scopes"): mous["scopes"],
        t("col.pks_count"): mous["pks_count"],
    }
)
tables.table(
    shown,
    key="registry",
    filters=f,
    name=t("mou.registry_title"),
    formats={
        t("col.signed_on"): "date",
        t("col.valid_until"): "date",
        t("col.days_left"): "int",
        t("col.pks_count"): "int",
    },
    partner_ids=mous["partner_id"],
    details=[t("col.partner_type"), t("col.signed_on"), t("col.scopes")],
)

st.subheader(t("mou.timeline_title"))
agreements = pd.concat(
    [
        pd.DataFrame(
            {
                "short_name": mous["short_name"],
                "kind": "MoU",
                "number": mous["number"],
                "start": mous["signed_on"],
                "end": mous["valid_until"],
            }
        ),
        pd.DataFrame(
            {
                "short_name": pks["short_name"],
                "kind": "PKS",
                "number": pks["number"],
                "start": pks["signed_on"],
                "end": pks["valid_until"],
            }
        ),
    ]
)
latest = mous.groupby("short_name", as_index=False)["valid_until"].max()
few = widgets.focus(latest, by="valid_until", key="timeline")
agreements = agreements[agreements["short_name"].isin(few["short_name"])]
timeline = charts_places.mou_timeline(agreements, f.lang, day)
st.plotly_chart(timeline, key="timeline", width="stretch")

st.subheader(t("mou.follow_through_title"))
matrix = read(reads.mou.deliverables_matrix, as_of=f.period.end, **f.partners)
if matrix.empty:
    st.info(t("mou.no_deliverables"))
else:
    st.caption(t("mou.follow_through_note", date=fmt.long_date(f.period.end, f.lang)))
    shares = matrix.groupby("short_name", as_index=False)[["done", "items"]].sum()
    few = widgets.focus(
        shares.assign(share=shares["done"] / shares["items"]), by="share", key="follow_through"
    )
    st.plotly_chart(
        charts_places.follow_through_heatmap(
            matrix[matrix["short_name"].isin(few["short_name"])], f.lang
        ),
        key="follow_through",
        width="stretch",
    )
    wide = matrix.assign(cell=matrix["done"].astype(str) + "/" + matrix["items"].astype(str))
    wide = wide.pivot(index=["partner_id", "short_name"], columns="scope_code", values="cell")
    wide = wide.reset_index()
    shown = wide.drop(columns="partner_id").rename(
        columns={
            "short_name": t("col.partner"),
            **{c: t(f"scope_short.{c}") for c in wide.columns[2:]},
        }
    )
    tables.table(
        shown,
        key="matrix",
        filters=f,
        name=t("mou.follow_through_title"),
        partner_ids=wide["partner_id"],
    )
