"""The briefing in the browser: one message per slide, large type, previous and next, and the
same deck as PowerPoint and PDF downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from briefing import deck, pdf
from briefing.data import Briefing, gather
from briefing.layout import message
from core.figures.narrative import sentence
from core.text import fmt
from data_access.store.access import Viewer
from ui.accounts import auth
from ui.figures import charts
from ui.frame import tables, widgets
from ui.frame.data import data_key
from ui.frame.state import Filters, t, verified_only, viewer

SLIDE_KEY = "g_slide"
PRESENT_KEY = "w_paparan_present"
GROUPS = ("pemda", "lembaga_pendidikan")
# Large type for a projector; our own fixed style, no user text in it.
LARGE = """<style>
.stMainBlockContainer .stMarkdown p,
.stMainBlockContainer .stMarkdown li {font-size: 1.45rem; line-height: 1.5;}
.stMainBlockContainer h1 {font-size: 2.6rem;}
</style>"""
# Presentation mode: no sidebar or toolbar, less space around the slide, and the buttons a
# clicker's Page Up / Page Down reach kept out of sight.
PRESENTING = """<style>
[data-testid='stSidebar'], [data-testid='stHeader'], [data-testid='stSidebarCollapsedControl']
  {display: none;}
[data-testid='stMainBlockContainer'] {padding: 1rem 3rem 0 3rem !important;
  max-width: 100% !important;}
.st-key-w_slide_pageup, .st-key-w_slide_pagedown {display: none;}
.stMainBlockContainer h2 {font-size: 1.9rem; padding-top: 0.2rem;}
.stMainBlockContainer .stMarkdown p,
.stMainBlockContainer .stMarkdown li {font-size: 1.25rem; line-height: 1.4;}
</style>"""
# The height of a chart on a slide in presentation mode: one slide fits a 1280×720 screen.
SLIDE_CHART_HEIGHT = 390
TABLE_ROWS = 8  # rows per column of a league table on a slide


@st.cache_data(ttl=600, show_spinner=False, max_entries=100)
def briefing(
    key: str, role: str, partner_id, verified: bool, year: int, quarter: int, partner_type, province
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
        data_key(),
        who.role,
        who.partner_id,
        verified_only(),
        f.year,
        f.quarter,
        f.partner_type,
        f.province,
    )


def slides(b: Briefing) -> list[str]:
    """The slides of `b`, as in the deck: a chart without data and a group without partners
    are left out."""
    names = ["title", "summary", "absorption", "trend"]
    if (b.scored["villages_total"] > 0).any():
        names.append("coverage")
    if (b.scored["target_trainees"] > 0).any():
        names.append("graduates")
    names += [f"league_{g}" for g in GROUPS if (b.scored["partner_type"] == g).any()]
    return [*names, "expiring"]


def _move(step: int, total: int) -> None:
    st.session_state[SLIDE_KEY] = (st.session_state.get(SLIDE_KEY, 0) + step) % total


def controls(total: int) -> int:
    """Presentation mode on or off, previous / next (also the arrow keys, and Page Up /
    Page Down that a clicker sends) and where we are; returns the slide to show."""
    current = st.session_state.get(SLIDE_KEY, 0) % total
    with st.container(horizontal=True, vertical_alignment="center"):
        st.toggle(t("paparan.present"), key=PRESENT_KEY)
        for key, step, shortcut, icon, label in (
            ("w_slide_prev", -1, "left", ":material/chevron_left:", "paparan.prev"),
            ("w_slide_next", 1, "right", ":material/chevron_right:", "paparan.next"),
            ("w_slide_pageup", -1, "pageup", ":material/chevron_left:", "paparan.prev"),
            ("w_slide_pagedown", 1, "pagedown", ":material/chevron_right:", "paparan.next"),
        ):
            st.button(
                t(label), key=key, icon=icon, on_click=_move, args=(step, total), shortcut=shortcut
            )
        st.caption(t("paparan.counter", n=current + 1, total=total))
    return current


def _heading(b: Briefing, slide: str, topic: str, lang: str, group: str | None = None) -> None:
    """The slide's message as its title, the topic below it."""
    said = message(b, slide, lang, group)
    st.header(said or topic)
    if said:
        st.caption(topic)


def _chart(figure, key: str, presenting: bool) -> None:
    if presenting:  # a fixed height that fits the screen, and nothing to click
        figure.update_layout(height=SLIDE_CHART_HEIGHT)
    config = {"staticPlot": True} if presenting else {"displaylogo": False}
    st.plotly_chart(figure, key=key, width="stretch", config=config)


def show(b: Briefing, f: Filters, name: str, presenting: bool) -> None:
    lang = f.lang
    if name == "title":
        st.title(t("deck.title"))
        st.markdown(deck.context(b, lang))
        return
    if name == "summary":
        st.header(t("summary.title"))
        st.markdown("\n".join(f"- {sentence(p, b.year, b.quarter, lang)}" for p in b.points))
    elif name == "absorption":
        _heading(b, name, t("deck.absorption"), lang)
        label = f.period.label(lang)
        figure = charts.absorption_vs_last_year(b.scored, lang, label)
        _chart(figure, "slide_absorption", presenting)
        widgets.over_ceiling_note(b.scored)
    elif name == "trend":
        _heading(b, name, t("deck.trend"), lang)
        trend = b.trend[b.trend["year"].between(b.year - 3, b.year)]
        _chart(charts.budget_trend(trend, lang), "slide_trend", presenting)
    elif name == "coverage":
        _heading(b, name, t("deck.coverage"), lang)
        regions = b.scored[b.scored["villages_total"] > 0]
        _chart(charts.coverage_bars(regions, lang), "slide_cov", presenting)
    elif name == "graduates":
        _heading(b, name, t("deck.graduates_title"), lang)
        _chart(charts.graduates_vs_target(b.scored, lang), "slide_graduates", presenting)
    elif name.startswith("league_"):
        _league(b, name.removeprefix("league_"), lang)
    else:
        _expiring(b, lang)
    st.caption(deck.context(b, lang))


def _painted(shown: pd.DataFrame, bands: list) -> object:
    """The table with its band column coloured (the band's name is in the cell too)."""
    column = t("deck.col_band")

    def paint(values: pd.Series) -> list[str]:
        if values.name != column:
            return [""] * len(values)
        return [tables.BAND_STYLE.get(band, "") for band in bands]

    return shown.style.apply(paint, axis=0).hide(axis="index")


def _league(b: Briefing, group: str, lang: str) -> None:
    """One group's ranks as a still table, in two columns when it is long."""
    topic = t("deck.league", group=t(f"summary.group_{group}"))
    _heading(b, "league", topic, lang, group)
    part = b.scored[b.scored["partner_type"] == group].sort_values(["peringkat", "short_name"])
    shown = pd.DataFrame(
        {
            t("deck.col_rank"): part["peringkat"].astype("string").fillna("–").values,
            t("deck.col_partner"): part["short_name"].values,
            t("deck.col_index"): [fmt.number(v, lang, 1) for v in part["indeks"]],
            t("deck.col_band"): [tables.band_label(v) for v in part["band_indeks"]],
        }
    )
    bands = part["band_indeks"].tolist()
    halves = range(0, len(shown), TABLE_ROWS)
    for column, start in zip(st.columns(len(halves)), halves, strict=True):
        end = start + TABLE_ROWS
        column.table(_painted(shown.iloc[start:end], bands[start:end]))


def _expiring(b: Briefing, lang: str) -> None:
    _heading(b, "expiring", t("deck.expiring"), lang)
    soon = b.mous[b.mous["status"] == "akan_berakhir"].sort_values(["days_left", "short_name"])
    if soon.empty:
        return
    shown = pd.DataFrame(
        {
            t("col.partner"): soon["short_name"].values,
            t("col.number"): soon["number"].values,
            t("col.valid_until"): [fmt.long_date(d, lang) for d in soon["valid_until"]],
            t("col.days_left"): [fmt.number(d, lang) for d in soon["days_left"]],
        }
    )
    st.table(shown.style.hide(axis="index"))


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
            on_click="ignore",
            type="primary",
        )
        if pdf.converter():
            st.download_button(
                t("paparan.pdf"),
                data=auth.guarded_download(lambda: pdf.pdf_bytes(deck.build(b, lang=f.lang))),
                file_name=f"{stem}.pdf",
                mime="application/pdf",
                key="w_paparan_pdf",
                on_click="ignore",
            )
        else:
            st.caption(t("paparan.no_pdf", install=pdf.INSTALL))


def presenting() -> bool:
    """Whether presentation mode is on (the toggle in `controls`): the sidebar, toolbar and
    demo banner out of the way (every slide's context line says "Data contoh"), large type,
    one slide per screen."""
    on = bool(st.session_state.get(PRESENT_KEY))
    st.html(LARGE + (PRESENTING if on else ""))
    return on
