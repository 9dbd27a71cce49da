"""The load benchmark's driver keeps working: a small run through nginx and two app
processes on the demo data, sessions talking to the app over its WebSocket (the figures
themselves come from `python -m benchmarks.load`, never from a timed test)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.browser  # a real server stack, run with the browser tests


@pytest.mark.skipif(not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists(),
                    reason="nginx is installed by .ci/run")  # fmt: skip
def test_a_small_load_run_through_nginx(tmp_path):
    out = tmp_path / "LOAD.md"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "--database-url",
         f"sqlite:///{tmp_path / 'beban.sqlite3'}", "--data", "demo", "--sessions", "3@20",
         "--processes", "2", "--think", "0", "--after-close", "1", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    text = out.read_text()
    assert "## 3 concurrent session(s), arriving 20 a second" in text
    assert "errors 0 · sessions that saw data not theirs 0" in text
    for label in ("masuk (mitra)", "masuk (staf)", "Profil Mitra", "filter Tahun", "unduh CSV"):
        assert f"| {label} |" in text
    assert "| process | start MB | peak MB | all sessions idle MB | after close MB |" in text
    assert "With all 3 session(s) open and idle after their visits:" in text
    assert "held 1 s after the sessions closed" in text
    assert "Held by the idle sessions and returned when they closed:" in text
    assert "Processor time in the round (" in text and "app processes" in text
    assert "| Ringkasan (pimpinan) |" in text and "| Pelaporan (mitra) |" in text


@pytest.mark.parametrize("spec", ["50@x", "0", "50@0", "dua"])
def test_a_wrong_round_is_told_before_anything_starts(spec, capsys):
    from benchmarks import load

    with pytest.raises(SystemExit) as stopped:
        load.main(["--sessions", spec, "--database-url", "sqlite:///does-not-matter.sqlite3"])
    assert stopped.value.code == 2
    assert "--sessions" in capsys.readouterr().err
