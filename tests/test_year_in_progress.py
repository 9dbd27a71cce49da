"""A new year in which one partner has reported: the pages keep opening on the last complete
period, say how many partners reported the new one, rank only partners with data and compare
the same partners with last year."""

from datetime import datetime

import pytest
import sqlalchemy as sa

from core.text import fmt
from data_access import models as m
from data_access.store.db import get_engine
from tests.apptest import ACCOUNTS, metric, open_page, start, texts
from ui.frame.frame import PAGES

INDRAMAYU = 1  # partner id of Kab. Indramayu in the demo data


@pytest.fixture
def one_partner_in_2026(database_url):
    """Indramayu's TW I 2026 report is submitted with a budget (the only 2026 figures)."""
    with get_engine().begin() as conn:
        conn.execute(
            sa.insert(m.TrainingBudget).values(
                partner_id=INDRAMAYU,
                year=2026,
                quarter=1,
                fund_source="APBD",
                pagu_rp=1_000_000_000,
                realisasi_rp=250_000_000,
                target_trainees=100,
                layer=m.PENDING,  # the submitted report's own version
            )
        )
        conn.execute(
            sa.insert(m.Submission).values(
                partner_id=INDRAMAYU,
                year=2026,
                quarter=1,
                status="submitted",
                version=2,
                updated_at=datetime(2026, 4, 10),
                updated_by="mitra-3212",
                submitted_at=datetime(2026, 4, 10),
                note="",
            )
        )
    return database_url


def test_pages_still_open_on_the_last_complete_period(one_partner_in_2026):
    at = start()
    assert not at.exception
    assert at.session_state["g_year"] == 2025 and at.session_state["g_quarter"] == 4
    assert "Data per 31 Desember 2025" in texts(at)


def test_a_year_in_progress_says_how_many_partners_reported(one_partner_in_2026):
    at = start(year=2026, quarter=1)
    assert not at.exception
    shown = texts(at)
    assert "TW I 2026: 1 dari 21 mitra sudah melapor" in shown
    assert "Data per 31 Maret 2026" in shown
    # The headline is Indramayu's figures; the change is read for that partner alone.
    assert metric(at, "Serapan anggaran") == fmt.percent(0.25)
    assert "hanya untuk 1 mitra yang memiliki data pada kedua periode" in shown
    # A partner that reported is never "furthest behind" because the others have no data.
    assert "-100,0%" not in shown


def test_partners_without_data_are_listed_apart_not_ranked(one_partner_in_2026):
    at = open_page(start(year=2026, quarter=1), "pages/perbandingan_mitra.py")
    assert not at.exception
    league = at.dataframe[0].value
    assert list(league["Mitra"]) == ["Kab. Indramayu"]
    assert list(league["Peringkat"]) == ["1"]
    unranked = [w.value for w in at.warning if "tidak diperingkat" in str(w.value)]
    assert unranked and "(15)" in unranked[0] and "Kab. Cirebon" in unranked[0]
    assert "Peringkat di antara 1 mitra sejenis" in texts(at)


def test_own_profile_ranks_among_partners_with_data(one_partner_in_2026):
    at = open_page(start(account=ACCOUNTS["mitra"], year=2026, quarter=1), "pages/profil_mitra.py")
    assert not at.exception
    assert metric(at, "Peringkat") == "1 / 1"


@pytest.mark.parametrize("page", [p for p, _, _ in PAGES if "audit" not in p])
def test_every_page_runs_in_the_year_in_progress(one_partner_in_2026, page):
    at = open_page(start("admin", year=2026, quarter=1), page)
    assert not at.exception, [e.value for e in at.exception]


def test_approved_only_budget_page_tells_waiting_from_missing(database_url):
    at = open_page(start(verified=True), "pages/anggaran_pelatihan.py")
    assert not at.exception
    shown = texts(at)
    waiting = [i.value for i in at.info if "sudah dikirim dan menunggu" in str(i.value)]
    assert waiting and "Kab. Cirebon" in waiting[0]
    assert "Belum melapor anggaran" not in shown or "Kab. Cirebon" not in next(
        w.value for w in at.warning if "Belum melapor anggaran" in str(w.value)
    )


@pytest.mark.parametrize(
    ("account", "badge"),
    [("mitra", "Semua data sudah disetujui"), ("cirebon", "Termasuk 1 laporan diajukan")],
)
def test_profile_says_whether_unapproved_reports_are_in_its_figures(database_url, account, badge):
    from tests.apptest import partner_account

    who = ACCOUNTS["mitra"] if account == "mitra" else partner_account("mitra-3209", 2)
    at = open_page(start(account=who), "pages/profil_mitra.py")
    assert not at.exception
    assert badge in texts(at)


def test_the_default_period_says_why(database_url):
    assert "triwulan terakhir yang sudah berakhir dan sudah dilaporkan oleh" in texts(start())
