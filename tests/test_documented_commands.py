"""Every command the README and docs/ name runs: each `python -m …` they mention is run here
in a quick form (the demo data, one repetition, a small file), so that none of them can
break unnoticed. Figures are not judged here; the benchmarks print them."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMAND = re.compile(r"python -m ([A-Za-z_][\w.]*)")

# How each documented module is run: its arguments ({tmp} a folder of the test's own, {db}
# a fresh copy of the demo database, which DATABASE_URL names too); or, for a command a
# test of its own runs for real, that test's file.
QUICK = {
    "data_access.accounts.users": ["list"],
    "data_access.store.backup": ["{tmp}/kopi"],
    "briefing": ["--year", "2025", "--quarter", "4", "--out", "{tmp}/paparan.pptx"],
    "notifications": ["run", "--dry-run"],
    "seed_data.generate": ["--out", "{tmp}/csv"],
    "benchmarks.pages": [
        "--dataset",
        "demo",
        "--db",
        "sqlite",
        "--repeat",
        "1",
        "--out",
        "{tmp}/hasil.md",
    ],  # fmt: skip
    "benchmarks.imports": ["--rows", "2000", "--database-url", "{db}"],
    "benchmarks.hostile": ["--cases", "wide.csv", "--tabs", "1", "--bad-rows", "1000"],
    "benchmarks.briefing": [],
    # Loading the national data set takes minutes: its options here, its build and load in
    # tests/test_national.py (seed_data.national.build and load, on a sample of it).
    "seed_data.national": ["--help"],
}
RUN_BY = {
    "pytest": None,  # the test command: CI runs it
    "benchmarks.load": "tests/test_load_driver.py",  # a small run through nginx
    "data_access.demo.demo_removal": "tests/test_demo_removal.py",  # removes the demo for real
}


def documented() -> set[str]:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return {m for page in pages for m in COMMAND.findall(page.read_text(encoding="utf-8"))}


def test_every_documented_command_is_run_here_or_by_a_test_of_its_own():
    named = documented()
    assert {"briefing", "notifications", "benchmarks.pages"} <= named  # the scan finds them
    assert named - set(QUICK) - set(RUN_BY) == set()
    for module, test in RUN_BY.items():
        if test:
            assert module in (ROOT / test).read_text(encoding="utf-8"), (module, test)


@pytest.mark.parametrize("module", sorted(QUICK))
def test_a_documented_command_runs(module, database_url, tmp_path):
    arguments = [a.format(tmp=tmp_path, db=database_url) for a in QUICK[module]]
    done = subprocess.run(
        [sys.executable, "-m", module, *arguments],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, (module, done.stdout[-2000:], done.stderr[-3000:])
    assert "Traceback" not in done.stderr, done.stderr[-3000:]


def test_the_readme_gets_to_the_point_and_its_links_lead_somewhere():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    assert blocks[0].strip() == "pip install -r requirements.txt && streamlit run app.py"
    assert blocks[1].strip() == "pip install -r requirements-test.txt && python -m pytest"
    for page in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]:
        for link in re.findall(r"\]\(([^)#]+\.(?:md|png))\)", page.read_text(encoding="utf-8")):
            assert (page.parent / link).exists(), (page.name, link)
