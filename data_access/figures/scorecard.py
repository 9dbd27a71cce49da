"""The per-partner inputs of the scorecard for one period, gathered from the other reads."""

from __future__ import annotations

from core.text.fmt import quarter_end
from data_access.figures.budget import budget_by_partner, training_by_partner
from data_access.figures.mou import deliverables_matrix
from data_access.figures.socialization import coverage_by_partner
from data_access.registry.targets import partner_targets
from data_access.store.access import guarded


@guarded("peers", cached=True)
def scorecard_inputs(
    *,
    year: int,
    quarter: int,
    partner_type: str | None = None,
    province: str | None = None,
    verified_only: bool = False,
) -> dict:
    """The per-partner frames that `core.figures.indicators.partner_indicators` combines.

    Keys: budget, training, coverage (frames of the functions of the same name),
    follow_through (deliverables_matrix as of the quarter's last day) and targets
    (partner_targets of the year). The parts are read unguarded; this function's own policy
    then applies to all of them.
    """
    scope = {
        "year": year,
        "quarter": quarter,
        "partner_type": partner_type,
        "province": province,
        "verified_only": verified_only,
    }
    return {
        "budget": budget_by_partner.__wrapped__(**scope),
        "training": training_by_partner.__wrapped__(**scope),
        "coverage": coverage_by_partner.__wrapped__(**scope),
        "follow_through": deliverables_matrix.__wrapped__(
            as_of=quarter_end(year, quarter), partner_type=partner_type, province=province
        ),
        "targets": partner_targets.__wrapped__(
            year=year, partner_type=partner_type, province=province
        ),
    }
