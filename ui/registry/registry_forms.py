"""The registry page's partner form (admins): register or change a partner, and the notice
each registry form leaves. Each refusal is a sentence above its form; nothing is saved half."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.registry.registry_rules import PARTNER_TYPES, PartnerFields
from data_access.registry import reference_areas, registry
from data_access.store.access import Viewer
from ui.frame import tables
from ui.frame.data import changed, read
from ui.frame.state import Filters, t

NEW = "__baru__"
NOTICE_KEY = "g_registry_notice"  # (kind: success | error, sentence, form)
PARTNER_FIELDS = ("code", "name", "short_name", "partner_type", "area_code", "lat", "lon",
                  "address", "contact_name", "contact_email", "contact_phone")  # fmt: skip


def notice(form: str) -> None:
    """The sentence the last save of `form` left (success or refusal), shown once."""
    said = st.session_state.get(NOTICE_KEY)
    if said and said[2] == form:
        st.session_state.pop(NOTICE_KEY)
        (st.success if said[0] == "success" else st.error)(said[1])


def partners_tab(me: Viewer, f: Filters, known: pd.DataFrame) -> None:
    """`known`: the partners as registry_partners reads them."""
    _partner_list(known, f)
    towns = read(reference_areas.municipalities)
    if towns.empty:
        st.warning(t("registry.no_areas"), icon=":material/map:")
        return
    ids = [NEW, *known["partner_id"]]
    names = dict(zip(known["partner_id"], known["short_name"], strict=True))
    chosen = st.selectbox(
        t("registry.edit_which"),
        ids,
        key="w_registry_partner",
        format_func=lambda v: t("registry.new_partner") if v == NEW else names[v],
    )
    row = None if chosen == NEW else known.set_index("partner_id").loc[chosen]
    version = None if row is None else int(row["version"])
    # The saved version is part of every key: after anyone's save the form shows the record
    # as it now is, so a refused edit is redone on what the other person saved.
    form = f"{chosen}_{version}"
    notice("partner")
    town_names = {
        c: f"{n} ({c}, {p})"
        for c, n, p in zip(towns["code"], towns["name"], towns["province"], strict=True)
    }
    with st.form(f"partner_form_{form}"):
        _partner_fields(row, form, town_names)
        st.form_submit_button(
            t("registry.save_partner"),
            type="primary",
            on_click=_save_partner,
            args=(me, chosen, form, version),
        )


def _partner_list(known: pd.DataFrame, f: Filters) -> None:
    """The partners with their contacts and MoUs, or a line saying there are none yet."""
    if known.empty:
        st.info(t("registry.no_partners"), icon=":material/info:")
    else:
        shown = pd.DataFrame(
            {
                t("col.partner"): known["short_name"],
                t("col.code"): known["code"],
                t("col.partner_type"): [t(f"partner_type.{v}") for v in known["partner_type"]],
                t("registry.contact"): known["contact_name"],
                t("registry.email"): known["contact_email"],
                t("registry.phone"): known["contact_phone"],
                t("registry.mous"): known["mous"],
            }
        )
        tables.table(
            shown,
            key="registry_partners",
            filters=f,
            name=t("registry.partners_title"),
            formats={t("registry.mous"): "int"},
            details=[t("registry.email"), t("registry.phone")],
        )


def _partner_fields(row, form: str, town_names: dict) -> None:
    """The partner form's fields, filled from `row` (None: a new partner)."""
    left, right = st.columns(2)
    value = lambda k, default="": default if row is None else row[k]  # noqa: E731
    _contact_fields(right, value, form)
    left.selectbox(
        t("col.partner_type"),
        PARTNER_TYPES,
        key=f"w_rp_partner_type_{form}",
        index=PARTNER_TYPES.index(value("partner_type", "pemda")),
        format_func=lambda v: t(f"partner_type.{v}"),
    )
    codes = list(town_names)
    current_area = value("area_code", None)
    left.selectbox(
        t("registry.area"),
        codes,
        key=f"w_rp_area_code_{form}",
        index=codes.index(current_area) if current_area in codes else None,
        format_func=town_names.get,
        placeholder=t("registry.area_hint"),
    )
    left.text_input(
        t("registry.code"),
        value=value("code"),
        max_chars=20,
        key=f"w_rp_code_{form}",
        help=t("registry.code_help"),
    )
    left.text_input(t("registry.name"), value=value("name"), max_chars=160, key=f"w_rp_name_{form}")
    left.text_input(
        t("registry.short_name"),
        value=value("short_name"),
        max_chars=60,
        key=f"w_rp_short_name_{form}",
    )


def _contact_fields(right, value, form: str) -> None:
    """The right column of the partner form: address, contact and the map position."""
    right.text_input(
        t("registry.address"), value=value("address"), max_chars=300, key=f"w_rp_address_{form}"
    )
    right.text_input(
        t("registry.contact"),
        value=value("contact_name"),
        max_chars=120,
        key=f"w_rp_contact_name_{form}",
    )
    right.text_input(
        t("registry.email"),
        value=value("contact_email"),
        max_chars=200,
        key=f"w_rp_contact_email_{form}",
    )
    right.text_input(
        t("registry.phone"),
        value=value("contact_phone"),
        max_chars=40,
        key=f"w_rp_contact_phone_{form}",
    )
    lat, lon = right.columns(2)
    lat.number_input(
        t("registry.lat"),
        value=_number(value("lat", None)),
        min_value=-90.0,
        max_value=90.0,
        format="%.4f",
        key=f"w_rp_lat_{form}",
    )
    lon.number_input(
        t("registry.lon"),
        value=_number(value("lon", None)),
        min_value=-180.0,
        max_value=180.0,
        format="%.4f",
        key=f"w_rp_lon_{form}",
    )
    right.caption(t("registry.coords_help"))


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _save_partner(me: Viewer, chosen, form: str, version: int | None) -> None:
    state = st.session_state
    raw = {k: state.get(f"w_rp_{k}_{form}") for k in PARTNER_FIELDS}
    if raw["partner_type"] == "pemda" and not (raw["code"] or "").strip():
        raw["code"] = raw["area_code"]  # a region's partner code is its Kemendagri code
    fields = PartnerFields(
        **{k: (v or "") if k not in ("lat", "lon") else v for k, v in raw.items()}
    )
    try:
        saved = registry.save_partner(
            viewer=me,
            fields=fields,
            partner_id=None if chosen == NEW else int(chosen),
            expected_version=version,
        )
    except registry.RegistryRefused as exc:
        state[NOTICE_KEY] = ("error", str(exc), "partner")
        return
    changed()  # every page lists partners
    state[NOTICE_KEY] = ("success", t("registry.partner_saved", name=fields.short_name), "partner")
    state["w_registry_partner"] = saved
