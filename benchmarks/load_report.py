"""The load benchmark's report (benchmarks/LOAD.md): per round, the times per page and
action, errors and crossed sessions, memory and processor time; then the browser's figures."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Round:
    sessions: int
    think: tuple[float, float]  # seconds a person spends on a page before the next click
    rate: float  # sessions arriving per second, on average
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    crossed: list[str] = field(default_factory=list)
    # MB per app process: at the start, at the peak, with all sessions open and idle after
    # their visits, and `after_close` seconds after they closed
    memory: dict[int, tuple[float, float, float, float]] = field(default_factory=dict)
    wall: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)  # processor seconds used in the round
    after_close: float = 0.0  # seconds after the sessions closed when memory was read again


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def report(rounds: list[Round], data: str, processes: int, database: str) -> str:
    think = rounds[0].think if rounds else (0, 0)
    lines = [
        "# Load through nginx",
        "",
        f"Measured on {date.today().isoformat()} by `python -m benchmarks.load` on this "
        f"machine (2 cores): nginx (deploy/nginx.conf) in front of {processes} app processes, "
        f"{database} with the {data} data set. Each session talks to the app over its "
        "WebSocket as a browser does and pauses "
        f"{think[0]:g}–{think[1]:g} s between actions, as a person reading the page does; "
        "sessions arrive at the rate each round's heading names. Times are from the message "
        "that starts a run to the message that says it finished (seconds); sign-ins (masuk) "
        "are left out of the line for every page and action.",
        "",
    ]
    seen: dict[tuple, int] = defaultdict(int)
    for rnd in rounds:
        seen[rnd.sessions, rnd.rate] += 1
        lines += _round_lines(rnd, seen[rnd.sessions, rnd.rate])
    return "\n".join(lines)


def _round_lines(rnd: Round, times: int) -> list[str]:
    """A round's section: its times, memory and processor time."""
    lines: list[str] = []
    again = f", again ({times})" if times > 1 else ""
    arriving = f", arriving {rnd.rate:g} a second" if rnd.sessions > 1 else ""
    lines += [
        f"## {rnd.sessions} concurrent session(s){arriving}{again}",
        "",
        f"Wall time {rnd.wall:.1f} s · errors {len(rnd.errors)} · "
        f"sessions that saw data not theirs {len(rnd.crossed)}",
        "",
        "| page or action | n | p50 | p95 | max |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, values in sorted(rnd.times.items()):
        lines.append(
            f"| {label} | {len(values)} | {statistics.median(values):.2f} | "
            f"{percentile(values, 0.95):.2f} | {max(values):.2f} |"
        )
    every = [v for k, vs in rnd.times.items() if not k.startswith("masuk") for v in vs]
    if every:
        lines.append(
            f"| **every page and action** | {len(every)} | "
            f"{statistics.median(every):.2f} | {percentile(every, 0.95):.2f} | "
            f"{max(every):.2f} |"
        )
    lines += _memory_lines(rnd)
    if rnd.cpu:
        actions = sum(len(v) for v in rnd.times.values())
        used = " · ".join(f"{name} {seconds:.1f} s" for name, seconds in rnd.cpu.items())
        lines += [
            f"Processor time in the round ({actions} pages and actions, "
            f"{rnd.wall:.1f} s × 2 cores available): {used}.",
            "",
        ]
    for problem in (rnd.errors + rnd.crossed)[:10]:
        lines.append(f"- {problem}")
    lines.append("")
    return lines


def _memory_lines(rnd: Round) -> list[str]:
    """The round's memory per process, and what the sessions held."""
    lines: list[str] = []
    lines += [
        "",
        "| process | start MB | peak MB | all sessions idle MB | after close MB |",
        "|---|---:|---:|---:|---:|",
    ]
    for pid, (start, peak, idle, after) in rnd.memory.items():
        lines.append(f"| {pid} | {start:.0f} | {peak:.0f} | {idle:.0f} | {after:.0f} |")
    grown = sum(peak - start for start, peak, _, _ in rnd.memory.values())
    held = sum(idle - start for start, _, idle, _ in rnd.memory.values())
    kept = sum(after - start for start, _, _, after in rnd.memory.values())
    # What the sessions themselves held is what went back when they closed; what stays
    # is the reads cached for everyone in the round and the allocator's working room.
    released = max(0.0, held - kept)
    lines += [
        "",
        f"Growth at the peak: {grown:.0f} MB in all. With all {rnd.sessions} session(s) "
        f"open and idle after their visits: {held:.0f} MB more than at the start. Still "
        f"held {rnd.after_close:g} s after the sessions closed: {kept:.0f} MB (reads "
        f"cached for everyone, the allocator's room). Held by the idle sessions and "
        f"returned when they closed: {released:.0f} MB, "
        f"{released / rnd.sessions:.1f} MB per session.",
        "",
    ]
    return lines


def warm_report(times: dict[str, list[float]]) -> str:
    lines = ["", "## Warm pages, one session", "",
             "A leader and a partner's operator alone on the server, each page opened once and "
             "then again: the time of the page's run on the server, from the message that "
             "starts it to the one that says it finished (milliseconds, median of the repeats).",
             "", "| page (account) | median ms | max ms |", "|---|---:|---:|"]  # fmt: skip
    for label, values in times.items():
        lines.append(
            f"| {label} | {statistics.median(values) * 1000:.0f} | {max(values) * 1000:.0f} |"
        )
    return "\n".join(lines) + "\n"


def browser_report(clicks: dict[str, list[float]], repeats: int) -> str:
    lines = ["", "## Click to content in Chromium", "",
             f"One signed-in session (leadership) in Debian's Chromium, 1280×800, {repeats} "
             "repeats: from the click in the navigation (or choosing another quarter) until "
             "the page's run has finished and its content is on the screen (seconds).", "",
             "| page or action | p50 | p95 | max |", "|---|---:|---:|---:|"]  # fmt: skip
    for label, values in clicks.items():
        lines.append(
            f"| {label} | {statistics.median(values):.2f} | "
            f"{percentile(values, 0.95):.2f} | {max(values):.2f} |"
        )
    return "\n".join(lines) + "\n"
