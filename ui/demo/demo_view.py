"""The admin's step from demo to real in the app: remove the demo data set after typing a
confirmation word (data_access.demo.demo_removal does the work and the checks)."""

from __future__ import annotations

import streamlit as st

from core.text import fmt
from data_access.demo import demo_removal
from data_access.figures import partners
from data_access.store.access import AccessDenied, Viewer
from ui.frame.data import changed, read
from ui.frame.state import t

NOTICE_KEY = "g_demo_removed"


def removal(me: Viewer, lang: str) -> None:
    """While demo data is loaded: what removing it does, the word to type, and the button."""
    done = st.session_state.pop(NOTICE_KEY, None)
    if done is not None:
        st.success(t("demo_removal.done", rows=fmt.number(done, lang)), icon=":material/check:")
    if not read(partners.dataset_info)["is_demo"]:
        return
    word = t("demo_removal.word")
    with st.expander(t("demo_removal.title"), icon=":material/delete_forever:"):
        st.warning(t("demo_removal.what"), icon=":material/warning:")
        typed = st.text_input(t("demo_removal.type", word=word), key="w_demo_removal_typed")
        pressed = st.button(
            t("demo_removal.button"),
            key="w_demo_removal",
            type="primary",
            disabled=typed.strip() != word,
        )
        if not pressed:
            return
        try:
            removed = demo_removal.remove_demo_data(actor=me.username, viewer=me)
        except (demo_removal.DemoRemovalError, AccessDenied) as exc:
            st.error(str(exc), icon=":material/warning:")
            return
        changed()  # every page's figures and the demo label change
        st.session_state[NOTICE_KEY] = sum(removed.values())
        st.rerun()
