"""What verifying a password costs: the site's hasher (Argon2id, people/hashers.py) against Django's
PBKDF2, in CPU time per verification, and what the morning rush of sign-ins then needs.

    PYTHONPATH=site .venv/bin/python bench/password_bench.py [--runs 30] [--officials 12300 --minutes 10]

Runs in one process (no server, no database): ``check_password`` exactly as a sign-in calls it.
Prints the load average beside the figures: on a shared machine CPU time is the figure to read.
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import check_password, get_hasher  # noqa: E402


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_THREAD)
    return usage.ru_utime + usage.ru_stime


def measure(algorithm: str, runs: int) -> tuple[float, float, str]:
    hasher = get_hasher(algorithm)
    encoded = hasher.encode("canbo-demo-2025", hasher.salt())
    cpu, wall = [], []
    for _ in range(runs):
        started_cpu, started = _cpu(), time.perf_counter()
        assert check_password("canbo-demo-2025", encoded, preferred=hasher)
        cpu.append(_cpu() - started_cpu)
        wall.append(time.perf_counter() - started)
    return statistics.median(cpu), statistics.median(wall), encoded.rsplit("$", 2)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--officials", type=int, default=12_300)
    parser.add_argument("--minutes", type=float, default=10)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"hashers: {settings.PASSWORD_HASHERS[0]} first")
    for algorithm, runs in (("default", args.runs), ("pbkdf2_sha256", max(3, args.runs // 6))):
        cpu, wall, prefix = measure(algorithm, runs)
        cores = args.officials * cpu / (args.minutes * 60)
        print(
            f"{prefix}: {cpu * 1000:.1f} ms CPU, {wall * 1000:.1f} ms wall per verification "
            f"(median of {runs}); {args.officials:,} sign-ins in {args.minutes:g} min need {cores:.2f} cores"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
