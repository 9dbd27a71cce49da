"""The modules of data_access that hold reads, for pages to name a read by reference
without importing data_access themselves: `read(reads.budget.budget_by_partner, …)`.
Importing this module registers every guarded read (data_access.access.REGISTERED)."""

from data_access import (
    agreements,
    assessment_reads,
    audit,
    budget,
    comments,
    completeness,
    credentials,
    first_run,
    follow_through,
    home,
    mou,
    outcomes,
    partners,
    periods,
    reference_areas,
    registry,
    reminders,
    report_figures,
    report_reads,
    scorecard,
    sessions,
    socialization,
    sso,
    targets,
)

__all__ = [
    "agreements", "assessment_reads", "audit", "budget", "comments", "completeness", "credentials",
    "first_run", "follow_through", "home", "mou", "outcomes", "partners", "periods",
    "reference_areas", "registry", "reminders", "report_figures", "report_reads",
    "scorecard", "sessions", "socialization", "sso", "targets",
]  # fmt: skip
