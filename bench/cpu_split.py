"""Where the machine's CPU goes for one page, process by process, on the shipped topology.

    .venv/bin/python bench/cpu_split.py [--seconds 10] [--workers 3] [--rounds 2]

Uses ``bench/ratio.py``'s database and stack (run ratio.py once first: it makes and seeds
``hotro_ratio``): starts gunicorn, Daphne and nginx, signs ``canbo`` in, then asks ``/bare``, ``/bare``
signed in (the floor under any signed-in page) and the lesson page in turn, ``--rounds`` times, with
``wrk -t2 -c8`` for ``--seconds`` each (after a 2-second warm-up). For each run it prints the pages
served per second, the CPU time each group of processes took per page served (from /proc: gunicorn,
PostgreSQL, nginx, Redis, the rest), and the whole machine's busy time per page. ``wrk`` itself is in
the machine's total but in no group (it has exited when the groups are read). Stops everything it started.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ratio  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
GROUPS = ("gunicorn", "daphne", "nginx", "redis-server", "postgres", "qcluster")


def cpu_by_group() -> dict[str, float]:
    """CPU seconds (user + system) of the running processes, by group."""
    groups: dict[str, float] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as file:
                command = file.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{pid}/stat") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        seconds = (int(fields[11]) + int(fields[12])) / TICKS
        group = next((name for name in GROUPS if name in command), "other")
        groups[group] = groups.get(group, 0.0) + seconds
    return groups


def machine() -> tuple[float, float]:
    """All CPU time and idle time of the machine so far, in seconds."""
    with open("/proc/stat") as file:
        fields = [int(value) for value in file.readline().split()[1:]]
    return sum(fields) / TICKS, (fields[3] + fields[4]) / TICKS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    ratio.stack_arguments(parser)
    args = parser.parse_args()
    lesson = ratio.stack(args, "exec", str(ratio.ROOT / ".venv/bin/python"), "manage.py", "shell", "-c",
                         ratio.LESSON_OF_CANBO, capture=True)  # fmt: skip
    lesson = next(line.split()[1] for line in lesson.splitlines() if line.startswith("LESSON "))
    ratio.stack(args, "start", str(args.workers))
    try:
        ratio.wait_ready()
        cookie = ratio.sign_in()
        for _round in range(args.rounds):
            for name, path, page_cookie in (
                ("bare", "/bare", None),
                ("bare signed in", "/bare", cookie),
                ("lesson", lesson, cookie),
            ):
                url = f"http://127.0.0.1:{ratio.PORT}{path}"
                ratio.wrk(url, page_cookie, seconds=2, connections=8, threads=2)
                groups, (total, idle) = cpu_by_group(), machine()
                result = ratio.wrk(url, page_cookie, seconds=args.seconds, connections=8, threads=2)
                after, (total_after, idle_after) = cpu_by_group(), machine()
                served = result["rps"] * args.seconds
                spent = {group: after[group] - groups.get(group, 0.0) for group in after}
                busy = (total_after - total) - (idle_after - idle)
                parts = ", ".join(
                    f"{group} {seconds / served * 1000:.3f}"
                    for group, seconds in sorted(spent.items(), key=lambda item: -item[1])
                    if seconds > 0.01
                )
                print(
                    f"{name}: {result['rps']:.0f} rps; CPU ms per page: {parts}; "
                    f"machine busy {busy / served * 1000:.3f} "
                    f"({busy:.1f} of {total_after - total:.1f} CPU-s)",
                    flush=True,
                )
    finally:
        ratio.stack(args, "stop")


if __name__ == "__main__":
    main()
