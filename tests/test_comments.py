"""Comments on a partner's figures: threads, who may write and read them, plain text within
limits, the other side notified, chosen for the briefing by staff only."""

import pytest

from data_access.mail import notifications
from data_access.reporting import comments
from data_access.reporting.comments import CommentError
from data_access.store.access import AccessDenied, Viewer
from tests.apptest import open_page, partner_account, start
from tests.viewers import VERIFIER

LEADER = Viewer("pimpinan", None, "pimpinan")
OPERATOR = Viewer("mitra", 1, "mitra-3212")  # Kab. Indramayu
OTHER = Viewer("mitra", 16, "mitra-7104")  # Kab. Kepulauan Talaud


def test_a_thread_goes_both_ways_and_each_side_is_told(database_url):
    first = comments.add_comment(viewer=LEADER, partner_id=1, year=2025, quarter=4,
                                 body="Serapan TW IV turun tajam; apa sebabnya?")  # fmt: skip
    told = notifications.my_notifications(viewer=OPERATOR)
    assert told[["kind", "year", "quarter"]].values.tolist() == [["comment", 2025, 4]]
    assert told["note"].iloc[0] == "Serapan TW IV turun tajam; apa sebabnya?"
    comments.add_comment(viewer=OPERATOR, partner_id=1, year=0, quarter=1, parent_id=first,
                         body="Pencairan APBD-P baru Desember.")  # fmt: skip
    assert notifications.my_notifications(viewer=VERIFIER)["kind"].tolist() == ["comment"]
    later = comments.add_comment(viewer=VERIFIER, partner_id=1, year=2026, quarter=1,
                                 body="Mohon lampirkan SP2D.")  # fmt: skip
    threads = comments.comment_threads(viewer=LEADER, partner_id=1)
    assert threads[["thread_id", "year", "quarter", "author", "body"]].values.tolist() == [
        [later, 2026, 1, "verifikator", "Mohon lampirkan SP2D."],
        [first, 2025, 4, "pimpinan", "Serapan TW IV turun tajam; apa sebabnya?"],
        [first, 2025, 4, "mitra-3212", "Pencairan APBD-P baru Desember."],  # the reply's period
    ]
    # The partner reads its own threads; another partner neither reads nor writes them.
    assert len(comments.comment_threads(viewer=OPERATOR)) == 3
    assert comments.comment_threads(viewer=OTHER).empty
    with pytest.raises(AccessDenied):
        comments.comment_threads(viewer=OTHER, partner_id=1)
    with pytest.raises(AccessDenied):
        comments.add_comment(viewer=OTHER, partner_id=1, year=2025, quarter=4, body="x")
    with pytest.raises(CommentError, match="Utas yang dibalas"):
        comments.add_comment(viewer=OTHER, partner_id=16, year=2025, quarter=4, body="x",
                             parent_id=first)  # fmt: skip


def test_comments_are_plain_text_within_limits(database_url):
    with pytest.raises(CommentError, match="kosong"):
        comments.add_comment(viewer=LEADER, partner_id=1, year=2025, quarter=4, body=" \n ")
    with pytest.raises(CommentError, match="paling banyak 1000"):
        comments.add_comment(viewer=LEADER, partner_id=1, year=2025, quarter=4, body="a" * 1001)
    comments.add_comment(viewer=LEADER, partner_id=1, year=2025, quarter=4,
                         body="<script>x</script>\x00\x1b[31m baris  \r\nkedua")  # fmt: skip
    body = comments.comment_threads(viewer=LEADER, partner_id=1)["body"].iloc[0]
    assert body == "<script>x</script>[31m baris\nkedua"  # control characters dropped
    # A right-to-left override would make "gpj.exe" read as "exe.jpg"; isolates and marks too.
    hidden = "lampiran \u202egpj.exe\u202c \u2067a\u2069\u200f\x85 selesai"
    comments.add_comment(viewer=LEADER, partner_id=1, year=2025, quarter=4, body=hidden)
    body = comments.comment_threads(viewer=LEADER, partner_id=1)["body"].iloc[0]
    assert body == "lampiran gpj.exe a selesai"


def test_only_staff_choose_comments_for_the_briefing(database_url):
    comment = comments.add_comment(viewer=OPERATOR, partner_id=1, year=2025, quarter=4,
                                   body="Kami menambah 12 desa.")  # fmt: skip
    with pytest.raises(AccessDenied):
        comments.choose_for_briefing(viewer=OPERATOR, comment_id=comment, chosen=True)
    assert comments.choose_for_briefing(viewer=LEADER, comment_id=comment, chosen=True)
    assert not comments.choose_for_briefing(viewer=LEADER, comment_id=comment, chosen=True)
    assert comments.comment_threads(viewer=LEADER, partner_id=1)["for_briefing"].tolist() == [True]


def test_the_profile_shows_threads_as_text_and_takes_a_new_one(database_url):
    at = start("pimpinan")
    at.query_params["mitra"] = "32.12"
    at = open_page(at, "pages/profil_mitra.py")
    assert not at.exception and "Komentar atas angka" in [s.value for s in at.subheader]
    at.text_area(key="w_comment_new").input("<b>Serapan</b> rendah; mohon penjelasan.")
    next(b for b in at.button if b.label == "Kirim komentar").click().run()
    assert not at.exception
    assert "<b>Serapan</b> rendah; mohon penjelasan." in [x.value for x in at.text]
    assert [s.value for s in at.success] == ["Komentar tersimpan."]
    partner = open_page(start(account=partner_account("mitra-3212", 1)), "pages/profil_mitra.py")
    assert "<b>Serapan</b> rendah; mohon penjelasan." in [x.value for x in partner.text]
    assert not [w for w in partner.toggle if str(w.key).startswith("w_comment_brief_")]


@pytest.mark.parametrize("role", ["pimpinan", "verifikator", "admin", "mitra"])
def test_every_role_that_sees_the_partner_replies_in_its_thread(database_url, role):
    comments.add_comment(viewer=LEADER, partner_id=1, year=2025, quarter=4,
                         body="Mohon penjelasan serapan TW IV.")  # fmt: skip
    at = start(role)
    at.query_params["mitra"] = "32.12"
    at = open_page(at, "pages/profil_mitra.py")
    assert not at.exception
    assert "Mohon penjelasan serapan TW IV." in [x.value for x in at.text]
    assert at.selectbox(key="w_comment_thread").options == ["Mohon penjelasan serapan TW IV."]
    at.text_area(key="w_comment_reply").input(f"Balasan dari {role}.")
    next(b for b in at.button if b.label == "Kirim balasan").click().run()
    assert not at.exception and [s.value for s in at.success] == ["Komentar tersimpan."]
    thread = comments.comment_threads(viewer=LEADER, partner_id=1)
    assert thread["body"].tolist() == ["Mohon penjelasan serapan TW IV.", f"Balasan dari {role}."]
    assert thread["parent_id"].notna().tolist() == [False, True]
    # Another partner, even asking for this partner's profile by its address, sees its own
    # profile and none of this thread.
    other = start(account=partner_account("mitra-7104", 16))
    other.query_params["mitra"] = "32.12"
    other = open_page(other, "pages/profil_mitra.py")
    shown = [x.value for x in other.text]
    assert not other.exception and not [s for s in shown if "TW IV" in s or "Balasan" in s]
    assert "Talaud" in " ".join(t.value for t in [*other.title, *other.header, *other.subheader])
