"""Comments on a partner's figures for a period, in threads: leadership, verifiers, admins
and the partner itself write them; they are seen wherever the partner's data is seen (a
partner never reads another partner's thread); the other side is notified; staff may choose
a comment for the briefing. Plain text, length-limited, audited."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import insert, select, update

from core.accounts.roles import STAFF, may
from core.text.parse import plain_text
from data_access import models as m
from data_access.mail import notifications
from data_access.store.access import AccessDenied, Viewer, guarded
from data_access.store.audit import record
from data_access.store.db import get_engine
from data_access.store.query import frame

C = m.Comment
LIMIT = 1000  # characters in one comment


class CommentError(ValueError):
    """A comment that cannot be saved; the message says why."""


def _clean(body: str) -> str:
    text = "\n".join(line.rstrip() for line in (body or "").replace("\r\n", "\n").split("\n"))
    text = plain_text(text).strip()  # no control or right-to-left override letters
    if not text:
        raise CommentError("Tulis komentarnya dulu; komentar kosong tidak disimpan.")
    if len(text) > LIMIT:
        raise CommentError(f"Komentar paling banyak {LIMIT} huruf (sekarang {len(text)}).")
    return text


def add_comment(
    *,
    viewer: Viewer,
    partner_id: int,
    year: int,
    quarter: int,
    body: str,
    parent_id: int | None = None,
) -> int:
    """Start a thread on a partner's figures for a period, or reply to one (`parent_id`).
    A partner's operator comments on its own partner only. Returns the comment's id."""
    if not may(viewer.role, "comment") or not viewer.username:
        raise AccessDenied("Silakan masuk terlebih dahulu.")
    if viewer.is_partner and viewer.partner_id != partner_id:
        raise AccessDenied("Akun ini hanya boleh berkomentar tentang mitranya sendiri.")
    if not 1 <= int(quarter) <= 4:
        raise CommentError("Triwulan 1–4.")
    text = _clean(body)
    with get_engine().begin() as conn:
        if parent_id is not None:
            parent = conn.execute(select(C).where(C.id == parent_id)).first()
            if parent is None or parent.partner_id != partner_id or parent.parent_id is not None:
                raise CommentError(
                    "Utas yang dibalas tidak ada pada mitra ini; muat ulang halaman."
                )
            year, quarter = parent.year, parent.quarter
        comment_id = conn.execute(
            insert(C).values(
                partner_id=partner_id,
                year=year,
                quarter=quarter,
                parent_id=parent_id,
                author=viewer.username,
                author_role=viewer.role,
                body=text,
                created_at=datetime.now(),
            )
        ).inserted_primary_key[0]
        notifications.tell_of_comment(conn, partner_id, year, quarter, viewer.role, text)
        record(
            conn,
            actor=viewer.username,
            action="comment",
            entity="comment",
            entity_id=comment_id,
            new={
                "partner_id": partner_id,
                "year": year,
                "quarter": quarter,
                "parent_id": parent_id,
                "body": text,
            },
        )
    return comment_id


@guarded("own")
def comment_threads(*, partner_id: int) -> pd.DataFrame:
    """Every comment on one partner's figures: threads newest first, each thread's replies
    oldest first under it.

    Columns: comment_id, thread_id: int (the thread's first comment); parent_id: Int64;
    year, quarter: int; author, author_role, body: str; created_at: datetime;
    for_briefing: bool.
    """
    columns = ["comment_id", "parent_id", "year", "quarter", "author", "author_role", "body",
               "created_at", "for_briefing"]  # fmt: skip
    out = frame(
        select(
            C.id,
            C.parent_id,
            C.year,
            C.quarter,
            C.author,
            C.author_role,
            C.body,
            C.created_at,
            C.for_briefing,
        ).where(C.partner_id == partner_id),
        columns,
    )
    out["parent_id"] = out["parent_id"].astype("Int64")
    out["for_briefing"] = out["for_briefing"].astype(bool)
    out.insert(1, "thread_id", out["parent_id"].fillna(out["comment_id"]).astype(int))
    started = out[out["parent_id"].isna()].set_index("comment_id")["created_at"]
    out["_started"] = out["thread_id"].map(started)
    out["_first"] = out["parent_id"].notna()
    out = out.sort_values(
        ["_started", "thread_id", "_first", "created_at", "comment_id"],
        ascending=[False, False, True, True, True],
    )
    return out.drop(columns=["_started", "_first"]).reset_index(drop=True)


def choose_for_briefing(*, viewer: Viewer, comment_id: int, chosen: bool) -> bool:
    """Leadership, verifiers and admins choose a comment for the briefing (or take it back);
    audited. False when nothing changed."""
    if viewer.role not in STAFF:
        raise AccessDenied("Hanya petugas badan yang memilih komentar untuk bahan paparan.")
    with get_engine().begin() as conn:
        done = conn.execute(
            update(C)
            .where(C.id == int(comment_id), C.for_briefing.is_not(bool(chosen)))
            .values(for_briefing=bool(chosen))
        ).rowcount
        if done:
            record(
                conn,
                actor=viewer.username,
                action="choose_comment",
                entity="comment",
                entity_id=comment_id,
                new={"for_briefing": bool(chosen)},
            )
    return bool(done)


@guarded("staff")
def briefing_comments(*, year: int, quarter: int) -> pd.DataFrame:
    """The comments chosen for the briefing on figures of `year` up to `quarter`, by partner
    then time.

    Columns: partner_id: int; year, quarter: int; author_role, body: str.
    """
    stmt = (
        select(C.partner_id, C.year, C.quarter, C.author_role, C.body)
        .where(C.for_briefing.is_(True), C.year == year, C.quarter <= quarter)
        .order_by(C.partner_id, C.created_at, C.id)
    )
    return frame(stmt, ["partner_id", "year", "quarter", "author_role", "body"])
