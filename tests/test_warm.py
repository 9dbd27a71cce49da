"""What every viewer shares is computed before anyone asks (ui.frame.warm): after a warm-up, the
leaders' and partners' first pages of the opening period compute no scorecard of their own,
in either mode, at start and after the data changed."""

import pytest

from data_access.store import changes
from tests.apptest import open_page, partner_account, start
from ui.figures import compute
from ui.frame import warm


def _no_scorecard_computed(monkeypatch):
    def computed(**_):
        raise AssertionError("a scorecard was computed by a page run")

    monkeypatch.setattr(compute, "partner_indicators", computed)


@pytest.mark.parametrize("verified", [False, True], ids=["default", "approved"])
def test_the_first_pages_find_the_scorecard_warm(database_url, monkeypatch, verified):
    _, year, _ = warm.warm_once()
    _no_scorecard_computed(monkeypatch)
    for page in ("pages/ringkasan.py", "pages/perbandingan_mitra.py"):
        at = open_page(start(verified=verified), page)
        assert not at.exception, (page, at.exception)
        assert str(year) in at.caption[0].value
    partner = open_page(start(account=partner_account("mitra-7104", 16), verified=verified),
                        "pages/profil_mitra.py")  # fmt: skip
    assert not partner.exception


def test_a_warm_up_after_a_change_is_kept_by_the_next_run(database_url, monkeypatch):
    warm.warm_once()
    changes.bump()  # another process changed the data
    counted, _, _ = warm.warm_once()
    assert counted == changes.version()
    _no_scorecard_computed(monkeypatch)
    at = open_page(start(), "pages/ringkasan.py")
    assert not at.exception


def test_without_a_warm_up_the_first_page_computes_it(database_url, monkeypatch):
    """The control: the check above sees a page that computes."""
    _no_scorecard_computed(monkeypatch)
    at = open_page(start(), "pages/ringkasan.py")
    assert at.exception
