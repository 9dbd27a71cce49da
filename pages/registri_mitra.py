"""Registri Mitra (admins): the setup checklist, the official area list, partners, MoUs and
PKS, MoU follow-through items, yearly targets, the agency's own accounts and who is signed in."""

import streamlit as st

from core.accounts.roles import Role
from ui.accounts import accounts_view, sessions_view, setup_view
from ui.frame import reads, widgets
from ui.frame.data import read
from ui.frame.state import current, t, viewer
from ui.registry import (
    agreements_form,
    areas_view,
    follow_through_form,
    registry_forms,
    registry_import_view,
    targets_form,
)

f = current(__file__)
widgets.demo_banner()
st.title(t("registry.title"))
st.caption(t("registry.intro"))
me = viewer()
if me.role != Role.ADMIN:
    st.error(t("registry.admins_only"))
    st.stop()
setup_view.checklist(f)
known = read(reads.registry.registry_partners)  # the partners every tab chooses from
areas, partners, agreements, follow, goals, files, staff = st.tabs(
    [
        t("registry.tab_areas"),
        t("registry.tab_partners"),
        t("registry.tab_mous"),
        t("registry.tab_follow"),
        t("registry.tab_targets"),
        t("registry.tab_files"),
        t("registry.tab_staff"),
    ]
)
with areas:
    areas_view.area_list(me, f)
with partners:
    registry_forms.partners_tab(me, f, known)
with agreements:
    agreements_form.agreements_tab(me, known)
with follow:
    follow_through_form.follow_through_tab(me, f, known)
with goals:
    targets_form.targets_tab(me, f, known)
with files:
    registry_import_view.registry_files(me, f)
with staff:
    accounts_view.staff_accounts(f)
    sessions_view.access_requests(f)
    sessions_view.live_sessions(f)
