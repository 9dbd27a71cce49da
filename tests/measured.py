"""Running a piece of code in a fresh process that reports its own figures as JSON: memory
of one hostile case cannot hide in another's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEAK = """
def peak():
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM")) // 1024
"""


def run(code: str, *args: str) -> dict:
    """The last line the code prints, read as JSON (the code has `peak()` in MB at hand)."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK + code, *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
