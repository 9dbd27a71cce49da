"""The frame around every page: database on first start, sidebar filters, demo-data banner."""

from __future__ import annotations

import streamlit as st

from core import fmt, i18n
from core.scoring import ScoringConfigError, load_config
from data_access.setup import ensure_database
from ui.data import read
from ui.state import ALL, KEYS, lang, t

PARTNER_TYPES = (ALL, "pemda", "lembaga_pendidikan")


@st.cache_resource(show_spinner=False)
def _prepared(url: str) -> bool:
    ensure_database()
    return True


def prepare(url: str) -> None:
    """Create, migrate and fill the database once per process; stop with a sentence if not."""
    try:
        _prepared(url)
        load_config()
    except ScoringConfigError as exc:
        st.error(t("errors.config", detail=str(exc)))
        st.stop()
    except Exception as exc:  # noqa: BLE001 - any database failure ends in one clear sentence
        st.error(t("errors.database", detail=type(exc).__name__))
        st.stop()


def _persistent(widget, name: str, options: list, **kwargs):
    """A sidebar widget whose value lives under our own key, so page switches keep it."""
    store, widget_key = KEYS[name], f"w_{name}"
    if st.session_state.get(store) not in options:
        st.session_state[store] = kwargs.pop("default")
    else:
        kwargs.pop("default")
    st.session_state[widget_key] = st.session_state[store]

    def keep():
        st.session_state[store] = st.session_state[widget_key]

    return widget(options=options, key=widget_key, on_change=keep, **kwargs)


def sidebar() -> None:
    """Language and global filters (year, quarter, partner type, province)."""
    options = read("filter_options")
    with st.sidebar:
        _persistent(
            st.selectbox,
            "lang",
            list(i18n.LANGUAGES),
            default=i18n.DEFAULT_LANGUAGE,
            label="Bahasa / Language",
            format_func=lambda c: {"id": "Bahasa Indonesia", "en": "English"}[c],
        )
        st.header(t("filters.title"))
        years = options["years"] or [2025]
        _persistent(st.selectbox, "year", years, default=years[-1], label=t("filters.year"))
        _persistent(
            st.selectbox,
            "quarter",
            [1, 2, 3, 4],
            default=4,
            label=t("filters.quarter"),
            format_func=lambda q: t("filters.through_quarter", quarter=fmt.ROMAN[q]),
        )
        _persistent(
            st.selectbox,
            "partner_type",
            list(PARTNER_TYPES),
            default=ALL,
            label=t("filters.partner_type"),
            format_func=lambda v: t("filters.all_types") if v == ALL else t(f"partner_type.{v}"),
        )
        _persistent(
            st.selectbox,
            "province",
            [ALL, *options["provinces"]],
            default=ALL,
            label=t("filters.province"),
            format_func=lambda v: t("filters.all_provinces") if v == ALL else v,
        )


def demo_banner() -> None:
    """While demo data is loaded, every page says so."""
    info = read("dataset_info")
    if info["is_demo"]:
        st.warning(t("common.demo_banner"), icon="🧪")
        st.sidebar.caption(f"🧪 **{t('common.demo_label')}** – {t('common.demo_short')}")


__all__ = ["prepare", "sidebar", "demo_banner", "lang"]
