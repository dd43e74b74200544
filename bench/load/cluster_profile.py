"""Where the task cluster's CPU goes during a load run: CPU seconds per qcluster process, and for each
worker the share of its samples by task (py-spy, from requirements/bench.txt).

Run it beside a run of the stack (it waits until locust is running, then ``--delay`` seconds more):

    .venv/bin/python bench/load/cluster_profile.py --seconds 60 &
    USERS=300 MINUTES=2 bash bench/load/curve.sh gunicorn

The qcluster processes are those of the process group ``bench/load/stack.sh`` started
(``$BENCH_RUN_DIR/pid/qcluster.pid``). Each is recorded by py-spy for ``--seconds`` (50 samples a
second of the threads that are not idle) and its CPU time read from /proc before and after. A
process's role is told from its samples: a worker runs tasks (``django_q/worker.py``), the monitor
saves results (``django_q/monitor.py``), the sentinel guards the others and runs the schedules, the
pusher takes tasks from the broker. py-spy needs
ptrace (root, or CAP_SYS_PTRACE).
"""

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TICKS = os.sysconf("SC_CLK_TCK")
TASK_LINE = "worker (django_q/worker.py:104)"  # the line of django-q2's worker that calls the task


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def group_of(pid: int) -> list[int]:
    group = os.getpgid(pid)
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group:
                    found.append(int(entry.name))
            except ProcessLookupError:
                pass
    return sorted(found)


def read_samples(path: Path) -> tuple[str, collections.Counter, int]:
    """The process's role, its samples by task (workers) or by where they were, and their count."""
    by_task: collections.Counter = collections.Counter()
    roles: collections.Counter = collections.Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        count = int(count)
        total += count
        frames = stack.split(";")
        if TASK_LINE in frames:
            task = frames[frames.index(TASK_LINE) + 1] if frames[-1] != TASK_LINE else "(the worker itself)"
            by_task[task.split(" (")[0]] += count
            roles["worker"] += count
        elif any("django_q/monitor.py" in frame for frame in frames):
            by_task["saving results"] += count
            roles["monitor"] += count
        elif any(frame.startswith(("Sentinel.guard", "scheduler (")) for frame in frames):
            by_task["guarding the cluster, schedules"] += count
            roles["sentinel"] += count
        elif any("django_q/pusher.py" in frame or "brokers/" in frame for frame in frames):
            by_task["taking tasks from the broker"] += count
            roles["pusher"] += count
        else:
            by_task["other"] += count
            roles["other"] += count
    role = roles.most_common(1)[0][0] if roles else "idle"
    return role, by_task, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--delay", type=int, default=30, help="seconds to wait once locust runs")
    parser.add_argument("--run-dir", default=os.environ.get("BENCH_RUN_DIR", "/tmp/hotro-bench"))
    parser.add_argument("--py-spy", default=str(ROOT / ".venv/bin/py-spy"))
    args = parser.parse_args()
    while subprocess.run(["pgrep", "-f", "locust"], capture_output=True).returncode != 0:
        time.sleep(1)
    time.sleep(args.delay)
    master = int(Path(args.run_dir, "pid", "qcluster.pid").read_text())
    pids = group_of(master)
    out = Path(tempfile.mkdtemp(prefix="cluster-profile-"))
    before = {pid: cpu_seconds(pid) for pid in pids}
    started = time.strftime("%H:%M:%S", time.gmtime())
    spies = [
        subprocess.Popen(
            [args.py_spy, "record", "--pid", str(pid), "--duration", str(args.seconds), "--rate", "50",
             "--format", "raw", "--nonblocking", "-o", str(out / f"{pid}.txt")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for pid in pids
    ]  # fmt: skip
    for spy in spies:
        spy.wait()
    after = {pid: cpu_seconds(pid) for pid in pids}
    print(f"qcluster, {args.seconds} s from {started} UTC: CPU seconds per process, samples by task")
    print("| process | role | CPU s | CPU % of a core | samples by task |\n| --- | --- | ---: | ---: | --- |")
    total = 0.0
    for pid in pids:
        used = after[pid] - before[pid]
        total += used
        samples = out / f"{pid}.txt"
        role, by_task, count = read_samples(samples) if samples.exists() else ("idle", {}, 0)
        shares = ", ".join(f"{task} {n * 100 / count:.0f} %" for task, n in by_task.most_common(4))
        print(f"| {pid} | {role} | {used:.2f} | {used * 100 / args.seconds:.1f} | {shares or '–'} |")
    print(f"| all | | {total:.2f} | {total * 100 / args.seconds:.1f} | |")


if __name__ == "__main__":
    sys.exit(main())
