"""Which reported figures a read counts.

Every fact row sits in one of two layers: PUBLISHED (the agency's own data and approved
reports) or PENDING (the version of a partner's report that is open or under review). A
partner-quarter with a submitted report counts its pending version by default and its
published one with `verified_only`; a draft or returned report never counts, so while it is
open the published figures of its quarter keep counting in both modes."""

from __future__ import annotations

from sqlalchemy import and_, exists, literal, or_, select

from data_access import models as m

S = m.Submission
PUBLISHED, PENDING = m.PUBLISHED, m.PENDING
OPEN = ("draft", "returned", "submitted")


def _report(table, statuses: tuple[str, ...], quarter=None):
    return exists(
        select(literal(1)).where(
            S.partner_id == table.partner_id,
            S.year == table.year,
            S.quarter == (table.quarter if quarter is None else quarter),
            S.status.in_(statuses),
        )
    )


def visible(table, verified_only: bool = False, *, quarter=None):
    """A WHERE clause for rows of `table` (anything with partner_id, year, quarter and
    layer; `quarter` stands in for tables of yearly rows, which go with TW IV)."""
    if verified_only:
        return table.layer == PUBLISHED
    submitted = _report(table, ("submitted",), quarter)
    return or_(
        and_(table.layer == PUBLISHED, ~submitted),
        and_(table.layer == PENDING, submitted),
    )


def current_version(table, *, quarter=None):
    """A WHERE clause for the rows a partner-quarter holds now, whatever counts: its pending
    version while a report is open or under review, else the published rows."""
    pending = _report(table, OPEN, quarter)
    return or_(
        and_(table.layer == PENDING, pending),
        and_(table.layer == PUBLISHED, ~pending),
    )
