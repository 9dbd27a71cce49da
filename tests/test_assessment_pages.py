"""The self-assessment in the app, as people use it: the partner fills and submits, the
verifier returns, the partner revises, the verifier approves, the form is locked, and
leadership sees the gap chart. Typed text is shown as text, never as markup."""

from core.assessment.instrument import load_instrument
from data_access.assessment import assessment as a
from tests.apptest import open_page, partner_account, start, texts
from tests.viewers import STAFF

PAGE = "pages/penilaian_mandiri.py"
TALAUD = 16
OPERATOR = partner_account("mitra-7104", TALAUD)
SCRIPT = '<script>alert("x")</script>'
LINKED = "[klik di sini](javascript:alert(1)) **tebal**"


def as_partner():
    return open_page(start(None, account=OPERATOR), PAGE)


def as_verifier():
    at = open_page(start("verifikator"), PAGE)
    at.selectbox(key="w_assess_partner").set_value(TALAUD).run()
    return at


def stored():
    return a.assessment_detail(viewer=STAFF, partner_id=TALAUD, year=2025)


def fill(at, level=2, **evidence):
    for code in load_instrument().codes:
        at.radio(key=f"w_as_{code}_level").set_value(level)
        at.text_area(key=f"w_as_{code}_evidence").input(evidence.get(code, f"Bukti {code}"))
    return at


def test_partner_fills_submits_verifier_returns_partner_revises_verifier_approves(database_url):
    at = as_partner()
    assert "Belum ada penilaian untuk tahun ini." in texts(at)
    fill(at, level=2)
    at.radio(key="w_as_PS1_level").set_value(None)
    at.button(key="w_assess_save").click().run()
    assert not at.exception
    assert "Draf tersimpan." in texts(at)
    assert stored()["header"]["status"] == "draft"
    at.button(key="w_assess_submit").click().run()
    assert "Tingkat belum dipilih untuk indikator: PS1." in texts(at)
    at.radio(key="w_as_PS1_level").set_value(3)
    at.button(key="w_assess_submit").click().run()
    assert "Penilaian terkirim untuk verifikasi." in texts(at)
    assert not [b for b in at.button if b.key == "w_assess_save"]  # no form while it waits

    at = as_verifier()
    assert "Tingkat menurut mitra: 3" in texts(at)
    at.button(key="w_review_return").click().run()
    assert "Tuliskan catatan untuk mitra" in texts(at)
    at.selectbox(key="w_rv_PS1_level").set_value(1)
    at.text_input(key="w_rv_PS1_note").input("SK belum ditandatangani")
    at.text_area(key="w_rv_decision").input("Lampirkan SK satgas yang sudah ditandatangani.")
    at.button(key="w_review_return").click().run()
    assert "Penilaian dikembalikan kepada mitra." in texts(at)
    assert stored()["header"]["status"] == "returned"

    at = as_partner()
    assert "Lampirkan SK satgas yang sudah ditandatangani." in [t.value for t in at.text]
    # Each item shows the verifier's level and note to the partner.
    adjusted = [w.value for w in at.warning if w.value.startswith("Verifikator menetapkan")]
    assert adjusted == [
        "Verifikator menetapkan tingkat 1 (Anda memilih 3): "
        + load_instrument().by_code("PS1").criterion(1, "id")
    ]
    assert "SK belum ditandatangani" in [t.value for t in at.text]
    assert "Verifikator menerima tingkat 2." in [s.value for s in at.success]
    assert at.radio(key="w_as_PS1_level").value == 3  # the partner's own answer, to revise
    at.radio(key="w_as_PS1_level").set_value(2)
    at.text_area(key="w_as_PS1_evidence").input("SK Bupati No. 12/2025 terlampir")
    at.button(key="w_assess_submit").click().run()
    assert "Penilaian terkirim untuk verifikasi." in texts(at)
    # The finding and its note stay together until the verifier looks again.
    ps1 = stored()["items"].set_index("indicator_code").loc["PS1"]
    assert (ps1["review"], ps1["verified_level"], ps1["verifier_note"]) == (
        "pending",
        1,
        "SK belum ditandatangani",
    )
    levels = a.assessment_levels(viewer=STAFF, years=(2025,))
    mine = levels[(levels["partner_id"] == TALAUD) & (levels["indicator_code"] == "PS1")]
    assert mine["verified_level"].isna().all()  # an earlier round's finding does not count

    at = as_verifier()
    assert "Temuan Anda sebelumnya: tingkat 1." in " ".join(c.value for c in at.caption)
    assert at.selectbox(key="w_rv_PS1_level").value == 2  # starts from the new answer
    assert at.text_input(key="w_rv_PS1_note").value == "SK belum ditandatangani"
    at.button(key="w_review_approve").click().run()
    assert "Penilaian disetujui dan kini terkunci." in texts(at)
    detail = stored()
    assert detail["header"]["status"] == "approved"
    assert detail["items"].set_index("indicator_code").loc["PS1", "verified_level"] == 2

    at = as_partner()
    assert "Penilaian ini sudah disetujui dan terkunci." in texts(at)
    assert not [b for b in at.button if b.key in ("w_assess_save", "w_assess_submit")]
    assert not at.radio  # the locked assessment is a table now

    at = open_page(start("pimpinan"), "pages/hasil_penilaian.py")
    assert not at.exception
    gap = at.get("plotly_chart")
    assert gap and "Kab. Kepulauan Talaud" in str(gap[0].proto.spec)
    history = stored()["history"]["to_status"].tolist()
    assert history == ["draft", "submitted", "returned", "submitted", "approved"]


def test_typed_markup_is_shown_as_plain_text(database_url):
    at = fill(as_partner(), level=1, PS1=SCRIPT)
    at.text_input(key="w_as_PS1_comment").input(LINKED)
    at.text_input(key="w_as_PS1_link").input("javascript:alert(1)")
    at.button(key="w_assess_submit").click().run()
    assert "tautan harus diawali http:// atau https://" in texts(at)
    at.text_input(key="w_as_PS1_link").input("https://contoh.go.id/sk")
    at.button(key="w_assess_submit").click().run()
    assert "Penilaian terkirim untuk verifikasi." in texts(at)

    at = as_verifier()
    plain = [t.value for t in at.text]
    assert SCRIPT in plain and LINKED in plain
    rendered = [
        str(e.value) for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind)
    ]
    assert not any("<script>" in v or "javascript:" in v for v in rendered)


def test_a_second_save_is_told_the_record_changed(database_url):
    first, second = as_partner(), as_partner()
    fill(first, level=3).button(key="w_assess_save").click().run()
    assert "Draf tersimpan." in texts(first)
    fill(second, level=0).button(key="w_assess_save").click().run()
    assert "sudah diubah oleh mitra-7104" in texts(second)
    assert stored()["items"]["self_level"].tolist() == [3] * 10  # nothing overwritten
    assert second.radio(key="w_as_PS2_level").value == 0  # the typed answers stay on screen
    second.button(key="w_assess_reload").click().run()
    assert second.radio(key="w_as_PS2_level").value == 3


def test_partner_sees_itself_against_anonymous_peers(database_url):
    at = open_page(start("mitra"), "pages/hasil_penilaian.py")
    assert not at.exception
    shown = texts(at)
    assert "Nilai terverifikasi: 96,9" in shown
    assert "Peringkat terverifikasi (Pemerintah Daerah): 1 / 10" in shown
    chart = str(at.get("plotly_chart")[0].proto.spec)
    assert "Kab." not in chart and "Cirebon" not in chart


def test_partner_adds_a_follow_up_plan(database_url):
    at = open_page(start("mitra"), "pages/hasil_penilaian.py")
    at.selectbox(key="w_plan_indicator").set_value("DK1")
    at.text_area(key="w_plan_action").input("Usulkan anggaran pada APBD Perubahan")
    at.text_input(key="w_plan_owner").input("Kepala Disnaker")
    at.button(key="w_plan_add_submit").click().run()
    assert "Rencana tindak lanjut tersimpan." in texts(at)
    plans = a.followup_plans(viewer=STAFF, partner_id=1)
    assert plans["action"].tolist() == ["Usulkan anggaran pada APBD Perubahan"]
    at.selectbox(key="w_plan_status").set_value("selesai")
    at.button(key="w_plan_update_submit").click().run()
    assert a.followup_plans(viewer=STAFF, partner_id=1)["status"].tolist() == ["selesai"]


def test_leadership_sees_status_gap_scopes_change_and_plans(database_url):
    at = open_page(start("pimpinan"), "pages/hasil_penilaian.py")
    assert not at.exception
    shown = texts(at)
    for sentence in ("Disetujui: 12", "Menunggu verifikasi: 4", "Belum mengisi: 1"):
        assert sentence in shown
    assert [c.key for c in at.get("plotly_chart")] == ["results_gap", "results_scopes"] or len(
        at.get("plotly_chart")
    ) == 2
    assert len(at.dataframe) == 2  # change since last year, follow-up plans
    plans = at.dataframe[1].value
    assert len(plans) == len(a.followup_plans(viewer=STAFF, year=2025))
