"""Invariants every page keeps whatever the data: a serapan above 100% always has a warning
beside it, on the pages and in the deck."""

import io

import pytest
import sqlalchemy as sa
from pptx import Presentation

from briefing import deck
from briefing.data import gather
from data_access import models as m
from data_access.store.db import get_engine
from tests.apptest import ACCOUNTS, open_page, start, texts


@pytest.fixture
def overspent(database_url):
    """Kab. Indramayu's APBD realisasi in TW IV 2025 raised far above its pagu."""
    B = m.TrainingBudget
    with get_engine().begin() as conn:
        conn.execute(
            sa.update(B)
            .where(B.partner_id == 1, B.year == 2025, B.quarter == 4, B.fund_source == "APBD")
            .values(realisasi_rp=5_000_000_000)
        )
    return database_url


WARNING = "Serapan di atas 100% (realisasi melebihi pagu): Kab. Indramayu"


@pytest.mark.parametrize(
    "page",
    ["pages/anggaran_pelatihan.py", "pages/perbandingan_mitra.py", "pages/profil_mitra.py"],
)
def test_a_serapan_above_100_is_never_shown_without_a_warning(overspent, page):
    at = open_page(start("pimpinan"), page)
    assert not at.exception
    if page.endswith("profil_mitra.py"):
        at = open_page(start(account=ACCOUNTS["mitra"]), page)
    assert WARNING in texts(at)


def test_no_warning_where_nothing_is_above_100(database_url):
    at = open_page(start("pimpinan"), "pages/anggaran_pelatihan.py")
    assert "Serapan di atas 100%" not in texts(at)


def test_the_deck_says_so_on_the_absorption_slide(overspent):
    from tests.viewers import STAFF

    opened = Presentation(io.BytesIO(deck.build(gather(viewer=STAFF, year=2025, quarter=4))))
    words = [
        shape.text_frame.text
        for slide in opened.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any(WARNING in w for w in words)
