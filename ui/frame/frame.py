"""The frame around every page: database on first start, sidebar filters, demo-data banner."""

from __future__ import annotations

import streamlit as st

from core.accounts.roles import Role
from core.assessment.instrument import InstrumentError, load_instrument
from core.figures.scoring import ScoringConfigError, load_config
from core.imports.import_files import MAX_BYTES  # the limit the upload box states
from core.text import fmt, i18n
from data_access.accounts.accounts import production_problems
from data_access.figures import partners
from data_access.store.db import database_url
from data_access.store.setup import ensure_database
from ui.accounts import auth
from ui.frame.data import follow_changes, read
from ui.frame.state import ALL, KEYS, REQUESTED_PAGE_KEY, lang, t
from ui.frame.widgets import opening_period

PARTNER_TYPES = (ALL, "pemda", "lembaga_pendidikan")
# Every page: its file, the catalog key of its title, its icon (from the Material Symbols font
# that Streamlit ships: no request leaves the machine, no emoji font needed). The first one
# opens by default.
PAGES = (
    ("pages/beranda.py", "nav.beranda", ":material/home:"),
    ("pages/ringkasan.py", "nav.ringkasan", ":material/dashboard:"),
    ("pages/nota_kesepahaman.py", "nav.nota_kesepahaman", ":material/handshake:"),
    ("pages/anggaran_pelatihan.py", "nav.anggaran_pelatihan", ":material/payments:"),
    ("pages/cakupan_sosialisasi.py", "nav.cakupan_sosialisasi", ":material/holiday_village:"),
    ("pages/perbandingan_mitra.py", "nav.perbandingan_mitra", ":material/leaderboard:"),
    ("pages/bahan_paparan.py", "nav.bahan_paparan", ":material/slideshow:"),
    ("pages/profil_mitra.py", "nav.profil_mitra", ":material/person_search:"),
    ("pages/penilaian_mandiri.py", "nav.penilaian_mandiri", ":material/edit_note:"),
    ("pages/hasil_penilaian.py", "nav.hasil_penilaian", ":material/fact_check:"),
    ("pages/pelaporan.py", "nav.pelaporan", ":material/upload_file:"),
    ("pages/kelengkapan_data.py", "nav.kelengkapan_data", ":material/checklist:"),
    ("pages/impor_data.py", "nav.impor_data", ":material/download:"),
    ("pages/registri_mitra.py", "nav.registri_mitra", ":material/domain_add:"),
    ("pages/audit.py", "nav.audit", ":material/history:"),
)
PAGE_FILES = [path for path, _, _ in PAGES]
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


@st.cache_resource(show_spinner=False)
def _prepared(url: str) -> list[str]:
    """Once per process and database (a failure is not cached, so the next run tries again):
    migrate, load demo data if empty, check the scoring and instrument files and the
    production rules."""
    ensure_database()
    load_config()
    load_instrument()
    return production_problems()


def prepare() -> None:
    """Create, migrate and fill the database once per process; stop with a sentence if not.
    Then drop this process's cached reads if the data changed in another process."""
    try:
        problems = _prepared(database_url())
        follow_changes()
    except ScoringConfigError as exc:
        _stop(t("errors.config", detail=str(exc)))
    except InstrumentError as exc:
        _stop(t("errors.instrument", detail=str(exc)))
    except Exception as exc:  # noqa: BLE001 - any database failure ends in one clear sentence
        _stop(t("errors.database", detail=type(exc).__name__))
    if problems:
        _stop(t("errors.production", detail="; ".join(problems)))


def _stop(sentence: str) -> None:
    """Say why the app cannot serve, with the pages registered but hidden (else Streamlit
    would list the files of pages/ in the sidebar)."""
    navigation(signed_in=False)
    st.error(sentence)
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
    options = read(partners.filter_options)
    with st.sidebar:
        _persistent(
            st.selectbox,
            "lang",
            list(i18n.LANGUAGES),
            default=i18n.DEFAULT_LANGUAGE,
            label="Bahasa / Language",
            format_func=LANGUAGE_NAMES.get,
        )
        # Labels are fixed now, in the chosen language, not looked up later from the session.
        language = lang()

        def text(key: str, **values) -> str:
            return i18n.t(key, language, **values)

        st.header(text("filters.title"))
        opening = opening_period()
        years = sorted({*options["years"], opening.period.year})
        _persistent(
            st.selectbox, "year", years, default=opening.period.year, label=text("filters.year")
        )
        _persistent(
            st.selectbox,
            "quarter",
            [1, 2, 3, 4],
            default=opening.period.quarter,
            label=text("filters.quarter"),
            format_func=lambda q: text(
                "filters.through_quarter", label=fmt.quarter_name(q, language)
            ),
        )
        _partner_filters(options, text)
        store = KEYS["verified"]
        st.session_state["w_verified"] = bool(st.session_state.get(store, False))
        st.toggle(
            text("filters.verified_only"),
            key="w_verified",
            help=text("filters.verified_help"),
            on_change=lambda: st.session_state.update({store: st.session_state["w_verified"]}),
        )


def _partner_filters(options: dict, text) -> None:
    """Partner type and province; a partner's operator sees its own partner, so neither."""
    me = auth.account()
    if me and me["role"] == Role.MITRA:
        return
    _persistent(
        st.selectbox,
        "partner_type",
        list(PARTNER_TYPES),
        default=ALL,
        label=text("filters.partner_type"),
        format_func=lambda v: text("filters.all_types" if v == ALL else f"partner_type.{v}"),
    )
    _persistent(
        st.selectbox,
        "province",
        [ALL, *options["provinces"]],
        default=ALL,
        label=text("filters.province"),
        format_func=lambda v: text("filters.all_provinces") if v == ALL else v,
    )


def navigation(*, signed_in: bool = True):
    """The multipage navigation over the PAGES this account's role may see.

    Before sign-in every page is registered but hidden, so that a link to a page keeps its
    address through the login form and opens that page afterwards.
    """
    shown = [(p, title, icon) for p, title, icon in PAGES if not signed_in or auth.allowed(p)]
    home = auth.home_page() if signed_in else "pages/ringkasan.py"
    pages = [
        st.Page(path, title=t(title), icon=icon, default=path == home)
        for path, title, icon in shown
    ]
    # Every page listed, never "View 3 more" in the framework's own English.
    return st.navigation(pages, position="sidebar" if signed_in else "hidden", expanded=True)


def open_requested_page() -> None:
    """Open the page a visitor asked for before the frame had run (see ui.frame.state.current)."""
    requested = st.session_state.pop(REQUESTED_PAGE_KEY, None)
    if requested and auth.allowed(requested[0]):
        st.switch_page(requested[0], query_params=requested[1])


def demo_note() -> None:
    """While demo data is loaded, the sidebar says so too (each page shows the banner)."""
    if read(partners.dataset_info)["is_demo"]:
        label, short = t("common.demo_label"), t("common.demo_short")
        st.sidebar.caption(f":material/science: **{label}** – {short}")


def _css_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def widget_words() -> None:
    """Texts the framework writes in English inside its widgets (the upload button and the
    size line of a file upload), hidden and written again from the catalogue."""
    zone = "[data-testid='stFileUploaderDropzone']"
    st.html(
        "<style>"
        f"{zone} button [data-testid='stMarkdownContainer'] p {{display: none;}}"
        f"{zone} button [data-testid='stMarkdownContainer']::after "
        f"{{content: {_css_text(t('upload.button'))};}}"
        "[data-testid='stFileUploaderDropzoneInstructions'] span {display: none;}"
        "[data-testid='stFileUploaderDropzoneInstructions'] div::after "
        f"{{content: {_css_text(t('upload.limit', mb=MAX_BYTES // 2**20))}; font-size: 0.875rem;}}"
        "</style>"
    )


# On a phone the sidebar covers the page: after moving to another page it closes itself
# (our own fixed script; it reads nothing and sends nothing).
CLOSE_ON_PHONE = """<script>
const app = window.parent;
if (app.innerWidth < 768) {
  const button = app.document.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (button && app.document.querySelector('[data-testid="stSidebar"]').offsetWidth > 0) {
    button.click();
  }
}
</script>"""
LAST_PAGE_KEY = "g_last_page"


def close_sidebar_on_phone(page: str) -> None:
    """Close the sidebar on a narrow screen when `page` is not the page of the last run."""
    if st.session_state.get(LAST_PAGE_KEY) not in (None, page):
        st.sidebar.iframe(CLOSE_ON_PHONE, height=1)
    st.session_state[LAST_PAGE_KEY] = page


__all__ = ["prepare", "sidebar", "navigation", "demo_note", "open_requested_page", "lang",
           "widget_words", "close_sidebar_on_phone"]  # fmt: skip
