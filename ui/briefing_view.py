"""The briefing in the browser: one message per slide, large type, previous and next, and the
same deck as PowerPoint and PDF downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from briefing import deck, pdf
from briefing.data import Briefing, gather
from core.narrative import sentence
from data_access.access import Viewer
from data_access.db import database_url
from ui import auth, charts, widgets
from ui.state import Filters, t, verified_only, viewer

SLIDE_KEY = "g_slide"
SLIDES = ("title", "summary", "absorption", "trend", "coverage", "graduates", "league", "expiring")
# Large type for a projector; our own fixed style, no user text in it.
LARGE = """<style>
.stMainBlockContainer .stMarkdown p,
.stMainBlockContainer .stMarkdown li {font-size: 1.45rem; line-height: 1.5;}
.stMainBlockContainer h1 {font-size: 2.6rem;}
</style>"""


@st.cache_data(ttl=600, show_spinner=False, max_entries=100)
def briefing(
    url: str, role: str, partner_id, verified: bool, year: int, quarter: int, partner_type, province
) -> Briefing:
    return gather(
        year=year,
        quarter=quarter,
        partner_type=partner_type,
        province=province,
        verified_only=verified,
        viewer=Viewer(role, partner_id),
    )


def load(f: Filters) -> Briefing:
    """The briefing for the sidebar's filters, read as the signed-in account."""
    who = viewer()
    return briefing(
        database_url(),
        who.role,
        who.partner_id,
        verified_only(),
        f.year,
        f.quarter,
        f.partner_type,
        f.province,
    )


def _move(step: int) -> None:
    st.session_state[SLIDE_KEY] = (st.session_state.get(SLIDE_KEY, 0) + step) % len(SLIDES)


def controls() -> int:
    """Previous / next and where we are; returns the slide to show."""
    current = st.session_state.get(SLIDE_KEY, 0) % len(SLIDES)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button("◀", key="w_slide_prev", on_click=_move, args=(-1,), help=t("paparan.prev"))
        st.button("▶", key="w_slide_next", on_click=_move, args=(1,), help=t("paparan.next"))
        st.caption(t("paparan.counter", n=current + 1, total=len(SLIDES)))
    return current


def show(b: Briefing, f: Filters, slide: int) -> None:
    name = SLIDES[slide]
    lang = f.lang
    if name == "title":
        st.title(t("deck.title"))
        st.markdown(deck.context(b, lang))
        return
    elif name == "summary":
        st.header(t("summary.title"))
        st.markdown("\n".join(f"- {sentence(p, b.year, b.quarter, lang)}" for p in b.points))
    elif name == "absorption":
        st.header(t("deck.absorption"))
        label = f.period.label(lang)
        figure = charts.absorption_vs_last_year(b.scored, lang, label)
        st.plotly_chart(figure, key="slide_absorption", width="stretch")
        widgets.over_ceiling_note(b.scored)
    elif name == "trend":
        st.header(t("deck.trend"))
        trend = b.trend[b.trend["year"].between(b.year - 3, b.year)]
        st.plotly_chart(charts.budget_trend(trend, lang), key="slide_trend", width="stretch")
    elif name == "coverage":
        st.header(t("deck.coverage"))
        regions = b.scored[b.scored["villages_total"] > 0]
        if regions.empty:
            st.info(t("paparan.no_regions"))
        else:
            st.plotly_chart(charts.coverage_bars(regions, lang), key="slide_cov", width="stretch")
    elif name == "graduates":
        st.header(t("deck.graduates_title"))
        figure = charts.graduates_vs_target(b.scored, lang)
        st.plotly_chart(figure, key="slide_graduates", width="stretch")
    elif name == "league":
        _league(b, f)
    else:
        _expiring(b, f)
    st.caption(deck.context(b, lang))


def _league(b: Briefing, f: Filters) -> None:
    for group in ("pemda", "lembaga_pendidikan"):
        part = b.scored[b.scored["partner_type"] == group].sort_values(["peringkat", "short_name"])
        if part.empty:
            continue
        st.header(t("deck.league", group=t(f"summary.group_{group}")))
        shown = pd.DataFrame(
            {
                t("deck.col_rank"): part["peringkat"].astype("string").fillna("–"),
                t("deck.col_partner"): part["short_name"],
                t("deck.col_index"): part["indeks"],
                t("deck.col_band"): [widgets.band_label(v) for v in part["band_indeks"]],
            }
        )
        widgets.table(
            shown,
            key=f"slide_league_{group}",
            filters=f,
            name=t("deck.league", group=t(f"summary.group_{group}")),
            formats={t("deck.col_index"): "dec1"},
            bands=pd.DataFrame({t("deck.col_band"): part["band_indeks"].tolist()}),
        )


def _expiring(b: Briefing, f: Filters) -> None:
    st.header(t("deck.expiring"))
    widgets.expiring_mous(b.mous, f, key="slide_expiring", name=t("deck.expiring"))


def downloads(b: Briefing, f: Filters) -> None:
    """The deck as PPTX, and as PDF where LibreOffice is installed (else a sentence why not)."""
    stem = widgets.download_stem(f, "bahan_paparan")
    with st.container(horizontal=True, vertical_alignment="center"):
        st.download_button(
            t("paparan.pptx"),
            data=auth.guarded_download(lambda: deck.build(b, lang=f.lang)),
            file_name=f"{stem}.pptx",
            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            key="w_paparan_pptx",
            type="primary",
        )
        if pdf.converter():
            st.download_button(
                t("paparan.pdf"),
                data=auth.guarded_download(lambda: pdf.pdf_bytes(deck.build(b, lang=f.lang))),
                file_name=f"{stem}.pdf",
                mime="application/pdf",
                key="w_paparan_pdf",
            )
        else:
            st.caption(t("paparan.no_pdf", install=pdf.INSTALL))


def presenting() -> bool:
    """Presentation mode: the sidebar and toolbar out of the way, large type."""
    on = st.toggle(t("paparan.present"), key="w_paparan_present")
    if on:
        st.html(LARGE + "<style>[data-testid='stSidebar'],[data-testid='stHeader']"
                "{display:none;}</style>")  # fmt: skip
    else:
        st.html(LARGE)
    return on
