"""Pure logic: the figures: budgets, training, socialization, outcomes, MoUs, periods,
scorecard, completeness."""
