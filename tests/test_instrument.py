"""The self-assessment instrument file: read, validated with sentences that say where, and the
scores computed from it."""

import tomllib

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from core.assessment import assessment_scores as scores
from core.assessment.instrument import (
    INSTRUMENT_PATH,
    InstrumentError,
    load_instrument,
    parse_instrument,
)
from seed_data import assessments as seed
from tests.apptest import open_page, partner_account, start, texts

DEFAULT = tomllib.loads(INSTRUMENT_PATH.read_text())


def test_default_instrument_has_the_five_scopes_with_five_criteria_each():
    instrument = load_instrument()
    assert list(instrument.scope_weights) == [
        "PEMBERANTASAN_SINDIKAT",
        "DIKLAT_CPMI",
        "FASILITASI_PELINDUNGAN",
        "LAYANAN_PENEMPATAN",
        "SOSIALISASI",
    ]
    assert instrument.codes == list(seed.INDICATORS)
    assert all(len(i.levels) == 5 and len(i.levels_en) == 5 for i in instrument.indicators)
    assert instrument.by_code("DK1").criterion(4, "en").startswith("Budget set as planned")
    assert instrument.weak_level == seed.WEAK_LEVEL == 2


def broken(change) -> dict:
    data = tomllib.loads(INSTRUMENT_PATH.read_text())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.pop("version"), "'version' wajib diisi"),
        (lambda d: d.update(weak_level=7), "'weak_level' harus bilangan 0–4"),
        (lambda d: d.pop("scope"), "tidak ada [[scope]]"),
        (lambda d: d["scope"].pop(), "belum ditulis: SOSIALISASI"),
        (lambda d: d["scope"][1].update(code="DIKLAT"), "[[scope]] ke-2 (DIKLAT): kode ruang"),
        (lambda d: d["scope"][2].update(code="DIKLAT_CPMI"), "ke-3 (DIKLAT_CPMI): ruang lingkup"),
        (lambda d: d["scope"][0].update(weight=0), "ke-1 (PEMBERANTASAN_SINDIKAT): 'weight'"),
        (lambda d: d["scope"][3].update(indicator=[]), "ke-4 (LAYANAN_PENEMPATAN): belum ada"),
        (
            lambda d: d["scope"][1]["indicator"][1]["levels"].pop(),
            "ke-2 (DIKLAT_CPMI), indikator ke-2 (DK2): 'levels' harus berisi 5",
        ),
        (
            lambda d: d["scope"][4]["indicator"][0]["levels"].__setitem__(2, " "),
            "indikator ke-1 (SO1): 'levels'",
        ),
        (
            lambda d: d["scope"][4]["indicator"][1].update(code="SO1"),
            "indikator ke-2 (SO1): kode indikator SO1 dipakai dua kali",
        ),
        (lambda d: d["scope"][0]["indicator"][0].update(code="ps-1"), "(ps-1): 'code' harus"),
        (lambda d: d["scope"][0]["indicator"][0].update(name=""), "(PS1): 'name' wajib"),
        (lambda d: d["scope"][0]["indicator"][0].update(weight="1"), "(PS1): 'weight' harus"),
        (
            lambda d: d["scope"][0]["indicator"][0].update(levels_en=["a"]),
            "(PS1): 'levels_en' harus",
        ),
    ],
)
def test_a_wrong_instrument_is_refused_with_where(change, where):
    with pytest.raises(InstrumentError) as error:
        parse_instrument(broken(change))
    assert str(error.value).startswith("penilaian_mandiri.toml")
    assert where in str(error.value)


def test_the_app_refuses_to_start_with_a_wrong_instrument(database_url, tmp_path, monkeypatch):
    bad = tmp_path / "instrumen.toml"
    bad.write_text(INSTRUMENT_PATH.read_text().replace('code = "DK2"', 'code = "DK1"'))
    monkeypatch.setenv("ASSESSMENT_CONFIG", str(bad))
    at = start("pimpinan")
    assert not at.exception
    message = at.error[0].value
    assert message.startswith("Instrumen penilaian mandiri tidak dapat dipakai")
    assert "instrumen.toml, [[scope]] ke-2 (DIKLAT_CPMI), indikator ke-2 (DK1)" in message
    bad.write_text("version = [")
    assert "bukan TOML yang sah" in start("pimpinan").error[0].value


def test_changing_the_file_changes_the_form(database_url, tmp_path, monkeypatch):
    extra = INSTRUMENT_PATH.read_text() + (
        '\n[[scope.indicator]]\ncode = "SO3"\nname = "Pos informasi di desa"\nweight = 1\n'
        'levels = ["a", "b", "c", "d", "e"]\n'
    )
    path = tmp_path / "instrumen.toml"
    path.write_text(extra)
    monkeypatch.setenv("ASSESSMENT_CONFIG", str(path))
    at = open_page(
        start(None, account=partner_account("mitra-7104", 16)), "pages/penilaian_mandiri.py"
    )
    assert not at.exception
    assert at.radio(key="w_as_SO3_level").options == ["0 – a", "1 – b", "2 – c", "3 – d", "4 – e"]
    assert "SO3 · Pos informasi di desa" in [r.label for r in at.radio]
    assert "Sosialisasi" in texts(at)


def levels_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(
        rows,
        columns=[
            "partner_id",
            "partner_type",
            "short_name",
            "status",
            "indicator_code",
            "self_level",
            "verified_level",
        ],
    ).astype({"self_level": "Int64", "verified_level": "Int64"})


def test_scores_by_hand():
    # Partner 1 (approved): PS1 4, PS2 2 -> Sindikat (100+50)/2 = 75 self; verified PS1 3, PS2 2
    # -> 62.5. DK1 4/4 -> 100. Total self (75*20 + 100*25) / 45 = 88.89; verified
    # (62.5*20 + 100*25) / 45 = 83.33. Partner 2 is submitted: no verified score counts yet.
    levels = levels_frame(
        [
            (1, "pemda", "A", "approved", "PS1", 4, 3),
            (1, "pemda", "A", "approved", "PS2", 2, 2),
            (1, "pemda", "A", "approved", "DK1", 4, 4),
            (1, "pemda", "A", "approved", "OLD9", 0, 0),  # no longer in the instrument
            (2, "pemda", "B", "submitted", "PS1", 1, 4),
        ]
    )
    table = scores.score_table(levels, load_instrument())
    expected = pd.DataFrame(
        {
            "partner_id": [1, 1, 1, 2, 2],
            "short_name": ["A", "A", "A", "B", "B"],
            "partner_type": ["pemda"] * 5,
            "status": ["approved"] * 3 + ["submitted"] * 2,
            "scope_code": ["PEMBERANTASAN_SINDIKAT", "DIKLAT_CPMI", "TOTAL"] * 1
            + ["PEMBERANTASAN_SINDIKAT", "TOTAL"],
            "self_score": [75.0, 100.0, 2500 / 45 + 1500 / 45, 25.0, 25.0],
            "verified_score": [62.5, 100.0, (1250 + 2500) / 45, None, None],
        }
    )
    expected["gap"] = expected["self_score"] - expected["verified_score"]
    assert_frame_equal(table, expected, check_dtype=False)
    assert scores.rank(table, 1, "verified_score") == (1, 1)
    assert scores.rank(table, 2, "verified_score") is None
    assert scores.rank(table, 2, "self_score") == (2, 2)
    gaps = scores.gaps(table)
    assert gaps["partner_id"].tolist() == [1]
    assert gaps["gap"].iloc[0] == pytest.approx(250 / 45)


def test_peers_and_change_since_last_year():
    instrument = load_instrument()
    now = scores.score_table(
        levels_frame(
            [
                (1, "pemda", "A", "approved", "PS1", 4, 4),
                (2, "pemda", "B", "approved", "PS1", 2, 1),
                (3, "pemda", "C", "approved", "PS1", 3, 3),
                (4, "lembaga_pendidikan", "D", "approved", "PS1", 0, 0),
            ]
        ),
        instrument,
    )
    before = scores.score_table(
        levels_frame([(1, "pemda", "A", "approved", "PS1", 2, 2)]), instrument
    )
    peers = scores.peers(now, 1).set_index("scope_code")
    assert peers.loc["TOTAL", "peer_median"] == 50.0  # B 25, C 75; D is another group
    assert (peers.loc["TOTAL", "peer_min"], peers.loc["TOTAL", "peer_max"]) == (25.0, 75.0)
    assert peers.loc["TOTAL", "peers"] == 2
    change = scores.change(now, before).set_index("partner_id")
    assert change.loc[1, "change"] == 50.0
    assert pd.isna(change.loc[2, "change"])
    assert scores.rank(now, 3, "verified_score") == (2, 3)
