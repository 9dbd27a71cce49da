"""The modules of data_access that hold reads, for pages to name a read by reference
without importing data_access themselves: `read(reads.budget.budget_by_partner, …)`.
Importing this module registers every guarded read (data_access.store.access.REGISTERED)."""

from data_access.accounts import credentials, first_run, sessions, sso
from data_access.assessment import assessment_reads
from data_access.figures import (
    budget,
    completeness,
    mou,
    outcomes,
    partners,
    periods,
    scorecard,
    socialization,
)
from data_access.mail import reminders
from data_access.registry import agreements, follow_through, reference_areas, registry, targets
from data_access.reporting import comments, home, report_figures, report_reads
from data_access.store import audit

__all__ = [
    "agreements", "assessment_reads", "audit", "budget", "comments", "completeness", "credentials",
    "first_run", "follow_through", "home", "mou", "outcomes", "partners", "periods",
    "reference_areas", "registry", "reminders", "report_figures", "report_reads",
    "scorecard", "sessions", "socialization", "sso", "targets",
]  # fmt: skip
