"""Which reported figures a read counts. By default approved and submitted quarters (a
partner-quarter without a submission holds the agency's own data and counts as approved);
with `verified_only`, approved ones alone. Drafts and returned reports never count."""

from __future__ import annotations

from sqlalchemy import exists, literal, select

from data_access import models as m

S = m.Submission


def hidden(verified_only: bool) -> tuple[str, ...]:
    return ("draft", "returned", "submitted") if verified_only else ("draft", "returned")


def visible(partner_id, year, quarter, verified_only: bool = False):
    """A WHERE clause: the row's partner-quarter is not held back by its submission."""
    return ~exists(
        select(literal(1)).where(
            S.partner_id == partner_id,
            S.year == year,
            S.quarter == quarter,
            S.status.in_(hidden(verified_only)),
        )
    )
