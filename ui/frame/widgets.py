"""Widgets every page shares: header with period and data date, demo label, focus on a
few partners, status labels (tables with downloads are in ui.frame.tables)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.accounts.roles import Role
from core.figures.completeness import load_rules
from core.figures.periods import DefaultPeriod, data_date, default_period, today
from core.figures.summary import over_ceiling
from core.text import fmt
from data_access.figures import partners, periods
from data_access.reporting import report_reads
from ui.accounts import auth
from ui.frame import export
from ui.frame.data import read
from ui.frame.state import PROFILE_KEY, Filters, lang, t, verified_only


def demo_banner() -> None:
    """While demo data is loaded, every page says so above its figures."""
    if read(partners.dataset_info)["is_demo"]:
        st.warning(t("common.demo_banner"), icon=":material/science:")


def header(title_key: str, filters: Filters, *, with_period: bool = True) -> None:
    """Demo label, page title and the line that says which period, which partners, how fresh."""
    demo_banner()
    st.title(t(title_key))
    parts = []
    if with_period:
        parts.append(t("common.period", period=filters.period.label(filters.lang)))
    parts.append(t("common.partners", partners=partner_scope(filters)))
    parts.append(t("common.as_of", date=fmt.long_date(data_as_of(filters), filters.lang)))
    st.caption(" · ".join(parts))
    data_badge(filters)
    if with_period:
        period_note(filters)


def _reporting(filters: Filters) -> pd.DataFrame:
    return read(periods.reporting_by_quarter, **filters.partners)


def data_as_of(filters: Filters):
    """The last day of the newest quarter whose figures the chosen period counts (the
    loaded data set's date where no quarter has figures yet)."""
    return data_date(_reporting(filters), filters.period) or read(partners.dataset_info)["as_of"]


def opening_period() -> DefaultPeriod:
    """The period every page opens on (see core.figures.periods.default_period), counted as the
    default figures count (submitted reports included), so both modes open alike."""
    reporting = read(periods.reporting_by_quarter, verified_only=False)
    return default_period(reporting, today(), load_rules().default_min_share)


def period_note(filters: Filters) -> None:
    """Why this period opened, and how many partners have figures in it when not all do."""
    opening = opening_period()
    label = filters.period.label(filters.lang)
    if opening.period == filters.period:
        share = fmt.percent(load_rules().default_min_share, filters.lang, 0)
        st.caption(t(f"period.opening_{opening.reason}", period=label, share=share))
    reporting = _reporting(filters)
    row = reporting[(reporting["year"] == filters.year) & (reporting["quarter"] == filters.quarter)]
    total = int(reporting["partners_total"].iloc[0]) if len(reporting) else 0
    done = int(row["partners_reported"].iloc[0]) if len(row) else 0
    if total and done < total:
        key = "period.reported_approved" if verified_only() else "period.reported"
        quarter = fmt.quarter(filters.year, filters.quarter, filters.lang)
        st.info(t(key, n=done, total=total, quarter=quarter), icon=":material/event:")


def data_badge(filters: Filters, *, partner_id: int | None = None) -> None:
    """Whether the figures (of the filtered partners, or of one partner) include submitted
    reports that no verifier has approved yet."""
    if verified_only():
        st.badge(t("data.approved_only"), icon=":material/check_circle:", color="blue")
        return
    scope = {"partner_id": partner_id} if partner_id is not None else filters.partners
    waiting = read(
        report_reads.unverified_reports, year=filters.year, quarter=filters.quarter, **scope
    )
    if waiting:
        st.badge(
            t("data.includes_unverified", n=waiting),
            icon=":material/hourglass_top:",
            color="orange",
        )
    else:
        st.badge(t("data.all_approved"), icon=":material/check_circle:", color="green")


def partner_scope(filters: Filters) -> str:
    kind = (
        t(f"partner_type.{filters.partner_type}")
        if filters.partner_type
        else t("filters.all_types")
    )
    return f"{kind}, {filters.province}" if filters.province else kind


def mode_text(filters: Filters) -> str:
    """Which reports the figures count, as the badge says it."""
    if verified_only():
        return t("data.approved_only")
    waiting = read(
        report_reads.unverified_reports,
        year=filters.year,
        quarter=filters.quarter,
        **filters.partners,
    )
    return t("data.includes_unverified", n=waiting) if waiting else t("data.all_approved")


def context_rows(filters: Filters, name: str) -> list[tuple[str, str]]:
    """What a downloaded table is: its name, period, partners, which reports it counts, data
    date, demo label."""
    info = read(partners.dataset_info)
    rows = [
        (t("common.table"), name),
        (t("filters.period"), filters.period.label(filters.lang)),
        (t("filters.partner_type"), partner_scope(filters)),
        (t("data.mode"), mode_text(filters)),
        (t("common.data_as_of"), fmt.long_date(data_as_of(filters), filters.lang)),
    ]
    if info["is_demo"]:
        rows.append((t("common.demo_label"), t("common.demo_short")))
    return rows


def download_stem(filters: Filters, name: str) -> str:
    """A file name (without extension) for a download of `name` under these filters."""
    return export.file_stem(
        name,
        filters.year,
        filters.quarter,
        [filters.partner_type, filters.province],
        approved_only=t("data.file_approved_only") if verified_only() else None,
        demo=t("common.demo_label") if read(partners.dataset_info)["is_demo"] else None,
    )


def over_ceiling_note(frame: pd.DataFrame) -> None:
    """A warning beside any serapan above 100% (realisasi above the pagu)."""
    names = over_ceiling(frame)
    if names:
        st.warning(t("budget.over_ceiling", partners=", ".join(names)), icon=":material/warning:")


def empty(message_key: str) -> None:
    """Say in a sentence why there is nothing to show, and stop the page here. With no
    partner registered at all, the sentence says what to do next and who can do it."""
    if read(partners.list_partners).empty:
        admin = auth.account() and auth.account()["role"] == Role.ADMIN
        st.info(
            t("common.registry_empty_admin" if admin else "common.registry_empty"),
            icon=":material/info:",
        )
        if admin:
            st.page_link(REGISTRY_PAGE, label=t("nav.registri_mitra"), icon=":material/domain_add:")
        st.stop()
    st.info(t(message_key), icon=":material/info:")
    st.stop()


REGISTRY_PAGE = "pages/registri_mitra.py"
PARTNER_PARAM = "mitra"  # the partner code in a profile's address (not a role)


FOCUS_FROM = 25  # more partners than this and a chart shows a chosen few
FOCUS_SIZE = 15


def focus(frame: pd.DataFrame, *, by: str, key: str, label: str = "short_name") -> pd.DataFrame:
    """The rows a chart should show: all of them when few, else the lowest or highest
    FOCUS_SIZE by `by`, or the partners searched for by name."""
    if len(frame) <= FOCUS_FROM:
        return frame
    with st.container(horizontal=True, vertical_alignment="bottom"):
        side = st.segmented_control(
            t("focus.show"),
            ["bottom", "top"],
            default="bottom",
            key=f"{key}_side",
            format_func=lambda v: t(f"focus.{v}", n=FOCUS_SIZE),
        )
        chosen = st.multiselect(
            t("focus.search"),
            sorted(frame[label].unique()),
            key=f"{key}_search",
            placeholder=t("focus.search_placeholder"),
        )
    st.caption(t("focus.note", n=FOCUS_SIZE, total=fmt.number(len(frame), lang())))
    if chosen:
        return frame[frame[label].isin(chosen)]
    ordered = frame.sort_values([by, label], na_position="first")
    return ordered.tail(FOCUS_SIZE) if side == "top" else ordered.head(FOCUS_SIZE)


def status_label(status, section: str) -> str:
    """A workflow status in words, named from the catalog section `section` (text only: it
    goes into option lists and table cells, where no icon font applies)."""
    key = status if isinstance(status, str) else "none"
    return t(f"{section}.{key}")


def chosen_partner(code: str, partner_id: int) -> None:
    """A partner picked on the profile: kept for the next pages and put in the address."""
    st.session_state[PROFILE_KEY] = partner_id
    st.query_params[PARTNER_PARAM] = code


def year_caption(filters: Filters, label_key: str) -> None:
    """The year a page works on, and how fresh the monitoring data beside it is."""
    as_of = fmt.long_date(data_as_of(filters), filters.lang)
    st.caption(f"{t(label_key, year=filters.year)} · {t('common.as_of', date=as_of)}")
