"""Socialization a partner counts per quarter instead of per event: events, participants by
sex, villages reached (named by code where known, else only counted). The pages count them
like events, the coded villages as reach, the others apart; a quarter that has events counts
its events only; a partner's totals go through its report like any other figure."""

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from core.imports.importing import KINDS, check, read_table
from data_access.figures import socialization
from data_access.imports import imports
from data_access.reporting import report_figures, report_reads
from data_access.reporting import submissions as reports
from data_access.store.access import Viewer
from tests.viewers import ADMIN, STAFF, VERIFIER

pytestmark = pytest.mark.usefixtures("reporting_window")  # TW I 2026 is due

HEADER = "kode_mitra,tahun,triwulan,jumlah_kegiatan,peserta_laki_laki,peserta_perempuan,"
HEADER += "jumlah_desa,kode_desa\n"
TALAUD = 16  # 71.04: events through 2025, none in 2026
OPERATOR = Viewer("mitra", TALAUD, "mitra-7104")


def villages(partner_id: int) -> list[str]:
    """The partner's villages that no event has reached yet."""
    all_ = socialization.villages_of_partner(
        viewer=STAFF, partner_id=partner_id, year=2025, quarter=4
    )
    return all_[all_["events"] == 0]["code"].tolist()


def send(text: str, viewer: Viewer = ADMIN):
    headers, rows = read_table("rekap.csv", text.encode())
    got = check(KINDS["sosialisasi_rekap"], headers, rows, imports.lookups(viewer=viewer))
    assert got.problems == [], got.problems
    return imports.apply(
        viewer=viewer, kind="sosialisasi_rekap", records=got.records, file_name="rekap.csv",
        file_bytes=text.encode(), warnings=len(got.warnings), confirmed=True,
    )  # fmt: skip


def coverage(quarter: int, verified_only: bool = False) -> pd.Series:
    frame = socialization.coverage_by_partner(
        viewer=STAFF, year=2026, quarter=quarter, verified_only=verified_only
    )
    return frame.set_index("partner_id").loc[TALAUD]


def test_quarter_totals_reach_the_pages_as_computed_by_hand(database_url):
    v = villages(TALAUD)
    earlier = coverage(1)["reached_cumulative"]  # villages reached by 2025's events
    send(
        HEADER
        + f'71.04,2026,1,6,140,165,5,"{v[0]}; {v[1]}"\n'
        + f'71.04,2026,2,4,90,110,3,"{v[1]}; {v[2]}"\n'
    )
    q1, q2 = coverage(1), coverage(2)
    assert (q1["events"], q1["participants_male"], q1["participants_female"]) == (6, 140, 165)
    assert (q1["reached_period"], q1["villages_unlisted"]) == (2, 3)
    assert q1["reached_cumulative"] == earlier + 2
    # Through TW II: 10 events; villages v0, v1, v2 by code (v1 twice, counted once); the
    # uncoded ones summed per quarter: (5 - 2) + (3 - 2).
    assert (q2["events"], q2["participants_male"] + q2["participants_female"]) == (10, 505)
    assert (q2["reached_period"], q2["villages_unlisted"]) == (3, 4)
    topics = socialization.events_by_topic(viewer=STAFF, year=2026, quarter=2, partner_id=TALAUD)
    assert topics.to_dict("records") == [
        {"topic": "REKAP", "events": 10, "participants_male": 230, "participants_female": 275}
    ]
    per_quarter = socialization.events_by_quarter(viewer=STAFF, partner_id=TALAUD)
    per_quarter = per_quarter[per_quarter["year"] == 2026]
    assert per_quarter[["year", "quarter", "events", "villages_new"]].values.tolist() == [
        [2026, 1, 6, 2],
        [2026, 2, 4, 1],
    ]
    held = report_figures.report_totals(viewer=STAFF, partner_id=TALAUD, year=2026, quarter=1)
    held = held[held["year"] == 2026]
    assert held[["quarter", "events", "participants", "villages"]].values.tolist() == [
        [1, 6, 305, 5],
        [2, 4, 200, 3],
    ]
    rows = report_figures.report_rows(viewer=STAFF, partner_id=TALAUD, year=2026, quarter=1)
    assert rows["socialization_totals"].to_dict("records") == [
        {"events": 6, "participants_male": 140, "participants_female": 165, "villages": 5,
         "villages_listed": 2}
    ]  # fmt: skip
    places = socialization.villages_of_partner(
        viewer=STAFF, partner_id=TALAUD, year=2026, quarter=2
    ).set_index("code")
    assert places.loc[[v[0], v[1], v[2], v[3]], "in_totals"].tolist() == [1, 2, 1, 0]
    assert places.loc[[v[1], v[3]], "reached"].tolist() == [True, False]
    # The baseline that reads whole tables into pandas finds the same (benchmarks/naive.py).
    from benchmarks import naive

    assert_frame_equal(
        naive.coverage_by_partner(year=2026, quarter=2),
        socialization.coverage_by_partner(viewer=STAFF, year=2026, quarter=2),
        check_dtype=False,
    )
    # The same file again changes nothing; a corrected village list replaces the old one.
    assert send(HEADER + f'71.04,2026,1,6,140,165,5,"{v[0]}; {v[1]}"\n').unchanged == 1
    send(HEADER + f'71.04,2026,1,6,140,165,5,"{v[3]}"\n')
    assert (coverage(1)["reached_period"], coverage(1)["villages_unlisted"]) == (1, 4)


def test_a_quarter_with_events_counts_its_events_and_not_its_totals(database_url):
    partner, year, quarter = 1, 2025, 3  # Kab. Indramayu: events, report approved
    read = {"viewer": STAFF, "year": year, "quarter": quarter}
    before = socialization.coverage_by_partner(**read)
    topics = socialization.events_by_topic(**read)
    send(HEADER + f"32.12,{year},{quarter},999,5000,5000,50,\n")
    assert_frame_equal(socialization.coverage_by_partner(**read), before)
    assert_frame_equal(socialization.events_by_topic(**read), topics)
    rows = report_figures.report_rows(viewer=STAFF, partner_id=partner, year=year, quarter=quarter)
    assert len(rows["socialization"]) > 0 and len(rows["socialization_totals"]) == 1


def test_totals_that_cannot_be_right_are_refused_row_by_row(database_url):
    v = villages(TALAUD)
    other = socialization.village_codes(viewer=STAFF, partner_id=1)["code"].iloc[0]  # Indramayu
    text = (
        HEADER
        + f'71.04,2026,1,6,10,10,1,"{v[0]}; {v[1]}"\n'  # two coded villages, one counted
        + f"71.04,2026,2,3,10,10,2,{other}\n"  # not Talaud's
        + "71.04,2026,3,0,10,10,0,\n"  # participants without an event
        + "UBI,2026,1,2,10,10,3,\n"  # an institution has no villages of its own
        + "71.04,2026,4,2,10,10,2,12345\n"  # not a village code
    )
    headers, rows = read_table("rekap.csv", text.encode())
    got = check(KINDS["sosialisasi_rekap"], headers, rows, imports.lookups(viewer=ADMIN))
    assert [(p.row, p.column) for p in got.problems] == [
        (2, "jumlah_desa"),
        (3, "kode_desa"),
        (4, "jumlah_kegiatan"),
        (5, "jumlah_desa"),
        (6, "kode_desa"),
    ]


def test_a_partners_totals_count_once_its_report_is_sent_and_approved(database_url):
    v = villages(TALAUD)
    send(HEADER + f'71.04,2026,1,6,140,165,5,"{v[0]}"\n', OPERATOR)
    assert coverage(1)["events"] == 0  # a draft counts nowhere
    period = {"partner_id": TALAUD, "year": 2026, "quarter": 1}

    def version() -> int:
        rows = report_reads.submission_overview(viewer=STAFF, year=2026)
        mine = rows[(rows["partner_id"] == TALAUD) & (rows["quarter"] == 1)]
        return int(mine["version"].iloc[0])

    reports.submit(viewer=OPERATOR, **period, expected_version=version())
    assert (coverage(1)["events"], coverage(1)["reached_period"]) == (6, 1)
    assert coverage(1, verified_only=True)["events"] == 0  # not yet approved
    reports.decide(viewer=VERIFIER, **period, expected_version=version(), outcome="approved")
    approved = coverage(1, verified_only=True)
    assert (approved["events"], approved["reached_period"], approved["villages_unlisted"]) == (
        6,
        1,
        4,
    )


def test_the_template_of_quarter_totals_round_trips(database_url):
    import io

    from openpyxl import load_workbook

    from core.imports.templates import template

    codes = socialization.village_codes(viewer=STAFF, partner_id=TALAUD)
    blank = template(
        "sosialisasi_rekap",
        partners=[("71.04", "Pemerintah Kabupaten Kepulauan Talaud")],
        villages=list(codes.itertuples(index=False, name=None)),
        demo=True,
    )
    book = load_workbook(io.BytesIO(blank))
    sheet = book["Data"]
    assert [c.value for c in sheet[1]] == [
        "kode_mitra", "tahun", "triwulan", "jumlah_kegiatan", "peserta_laki_laki",
        "peserta_perempuan", "jumlah_desa", "kode_desa", "catatan",
    ]  # fmt: skip
    v = villages(TALAUD)
    sheet.append(["71.04", 2026, 1, 3, 20, 25, 4, f"{v[0]};{v[1]}\n{v[2]}"])
    filled = io.BytesIO()
    book.save(filled)
    from core.imports.importing import read_sheet

    data = read_sheet("templat.xlsx", filled.getvalue())
    got = check(KINDS["sosialisasi_rekap"], data.headers, data.rows, imports.lookups(viewer=ADMIN))
    assert got.problems == [] and got.skipped == [2]
    assert [(r["events"], r["villages"], len(r["_village_ids"])) for r in got.records] == [
        (3, 4, 3)
    ]


def test_an_office_file_of_quarter_totals_is_mapped_by_its_own_names():
    from core.imports.column_mapping import suggest

    headers = ["Kab/Kota", "TA", "TW", "Jumlah Kegiatan", "L", "P", "Jumlah Desa", "Kode Desa"]
    found = suggest(KINDS["sosialisasi_rekap"], headers)
    assert {name: headers[p] for name, p in found.items()} == {
        "kode_mitra": "Kab/Kota", "tahun": "TA", "triwulan": "TW",
        "jumlah_kegiatan": "Jumlah Kegiatan", "peserta_laki_laki": "L",
        "peserta_perempuan": "P", "jumlah_desa": "Jumlah Desa", "kode_desa": "Kode Desa",
    }  # fmt: skip
