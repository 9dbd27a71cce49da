"""What a home page lists: a partner's tasks with their deadlines, and what waits for a
verifier (pure functions over the frames of data_access.reporting.home)."""

from __future__ import annotations

from datetime import date

import pandas as pd

# Reports and assessments a partner still has to send (a returned one included).
OPEN = ("none", "draft", "returned")


def report_tasks(reports: pd.DataFrame, today: date) -> pd.DataFrame:
    """The partner's reports with what they need now.

    `reports`: year, quarter: int; status: str ('none' when not started); due_on: date;
    note: str. Adds days: int, days until due (negative: days late); state: 'late' (open
    and past its due date), 'due' (open), 'waiting' (submitted, with a verifier), 'done'
    (approved). Open ones first, the earliest due first.
    """
    out = reports.copy()
    out["days"] = [(d - today).days for d in out["due_on"]]
    out["state"] = [
        ("late" if days < 0 else "due")
        if status in OPEN
        else "waiting"
        if status == "submitted"
        else "done"
        for status, days in zip(out["status"], out["days"], strict=True)
    ]
    rank = out["state"].map({"late": 0, "due": 1, "waiting": 2, "done": 3})
    return out.assign(_rank=rank).sort_values(["_rank", "due_on"]).drop(columns="_rank")


def plan_tasks(plans: pd.DataFrame, today: date) -> pd.DataFrame:
    """Follow-up plans still open (rencana, berjalan), with days until due (negative: late),
    the earliest due first. `plans` as data_access.reporting.home.partner_home['plans']."""
    out = plans[plans["status"].isin(("rencana", "berjalan"))].copy()
    out["days"] = [(d - today).days for d in out["due_on"]]
    return out.sort_values(["due_on", "plan_id"])


def waiting_ages(waiting: pd.DataFrame, today: date) -> pd.DataFrame:
    """What waits for a verifier, the oldest first, with days_waiting: int (calendar days
    since the day it was sent; 0 for one sent 'after' today, as a pinned date may have it)."""
    out = waiting.copy()
    out["days_waiting"] = [max(0, (today - s.date()).days) for s in out["submitted_at"]]
    return out.sort_values(["submitted_at", "partner_id"]).reset_index(drop=True)
