"""The audit trail in words: actions, objects and the old and new values of a change as
"Field: value" text instead of stored JSON."""

from __future__ import annotations

import json

from core.text.i18n import catalog, t


def _label(section: str, key: str, lang: str) -> str:
    """The catalogue's name for `key`, or the key itself where the catalogue has none."""
    name = f"{section}.{key}"
    return t(name, lang) if name in catalog(lang) else key


def action(value: str, lang: str) -> str:
    return _label("audit_action", value, lang)


def entity(value: str | None, lang: str) -> str:
    return "" if value is None else _label("audit_entity", value, lang)


def _flat(value, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    if isinstance(value, dict):
        out = []
        for key, inner in value.items():
            out += _flat(inner, (*path, str(key)))
        return out
    return [(path, value)]


def _shown(value, lang: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return t("audit_value.yes" if value else "audit_value.no", lang)
    if isinstance(value, list):
        return ", ".join(_shown(v, lang) for v in value)
    return str(value)


def values(text: str | None, lang: str) -> str:
    """Stored JSON of an audit row as `Field: value; …` (nested fields joined with " · ",
    each part named from the catalogue); text that is not JSON is shown as it is."""
    if not text:
        return ""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    parts = []
    for path, value in _flat(data):
        name = " · ".join(_label("audit_field", p, lang) for p in path)
        parts.append(f"{name}: {_shown(value, lang)}" if name else _shown(value, lang))
    return "; ".join(parts)
