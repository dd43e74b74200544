"""The hot pages against the bare view, on the production topology, in one run.

    .venv/bin/python bench/ratio.py [--seconds 10] [--workers 3] [--compare-daphne]

Self-contained: it makes its own small database (``hotro_ratio`` on the machine's PostgreSQL, created,
migrated and seeded with the demo data if missing: the first run takes a few minutes more), starts its
own server processes of the shipped topology with ``bench/load/stack.sh`` (gunicorn with ``--workers``
sync workers for HTTP, Daphne for ``/ws/``, nginx in front, in ``/tmp/hotro-ratio`` on ports 8200..),
signs the demo official ``canbo`` in through the sign-in form, measures ``/bare`` and each hot page
with ``wrk`` (``--connections`` connections, ``--seconds`` each, after a short warm-up) and stops
everything it started. ``--compare-daphne`` then does the same on the topology before issue 18 (two
Daphne processes serving HTTP too) for the figure beside it; ``--overload 64`` then sends the lesson
page 64 connections at once (admission control: how many are served, how many refused with 503,
how fast), then 2 (served again); ``--cost`` then prints what one request of each page costs in one
process (``bench/request_cost.py``: CPU, queries, Python calls). One line per page, ending in
``<page>/bare: 0.NN``, then ``lesson/bare: 0.NN`` of the shipped topology last.

Needs PostgreSQL and Redis on 127.0.0.1 (``BENCH_DATABASE_URL``, ``BENCH_REDIS_URL`` change them),
nginx and wrk (Debian: ``apt-get install -y nginx-light wrk``).
"""

import argparse
import http.client
import os
import re
import shutil
import subprocess
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STACK = ROOT / "bench" / "load" / "stack.sh"
PORT = 8200
PAGES = [("bare", None), ("lesson", None), ("my-courses", "/learning/"), ("my-progress", "/reports/me/")]
USERNAME, PASSWORD = "canbo", "canbo-demo-2025"
LESSON_OF_CANBO = """
from courses.models import LessonPage
from courses.selectors import course_open_to
from people.models import User
official = User.objects.get(username="canbo")
for lesson in LessonPage.objects.live().order_by("path"):
    if course_open_to(user=official, course_id=lesson.get_parent().pk):
        print("LESSON", lesson.url)
        break
"""


def stack_env(args: argparse.Namespace, topology: str) -> dict[str, str]:
    return {
        **os.environ,
        "BENCH_RUN_DIR": args.run_dir,
        "BENCH_NGINX_PORT": str(PORT),
        "BENCH_FIRST_PORT": str(PORT + 1),
        "BENCH_DATABASE_URL": args.database_url,
        "BENCH_REDIS_URL": args.redis_url,
        "BENCH_TOPOLOGY": topology,
    }


def stack(args: argparse.Namespace, *command: str, topology: str = "gunicorn", capture: bool = False) -> str:
    done = subprocess.run(
        ["bash", str(STACK), *command],
        env=stack_env(args, topology),
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return done.stdout or ""


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def wait_ready(timeout: float = 120) -> None:
    """Until the workers have loaded the code (nginx and gunicorn's socket are up before they have)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            connection.request("GET", "/bare")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("the servers did not answer")


def sign_in() -> str:
    """Sign ``canbo`` in through the form, as a browser does; the session cookie, as a header value.
    (The cookies are marked Secure: a browser would not send them over plain HTTP, wrk does.)"""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": USERNAME, "password": PASSWORD})
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
            "Referer": f"http://127.0.0.1:{PORT}/accounts/login/",
        },
    )
    response = connection.getresponse()
    response.read()
    if response.status != 302:
        raise SystemExit(f"sign-in failed: {response.status}")
    return f"sessionid={_cookies(response)['sessionid']}"


def wrk(url: str, cookie: str | None, *, seconds: int, connections: int, threads: int) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    total, duration = re.search(r"(\d+) requests in ([\d.]+)(m?s)", output).group(1, 2)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    # Only pages served count: a 503 of the admission control is not throughput.
    rps = (int(total) - (int(bad.group(1)) if bad else 0)) / float(duration)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    return {
        "rps": rps,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "p50": percentiles.get("50", "?"),
        "p99": percentiles.get("99", "?"),
    }


def measure(args: argparse.Namespace, topology: str, lesson: str, cookie: str | None) -> tuple[dict, str]:
    stack(args, "start", str(args.workers if topology == "gunicorn" else args.daphne), topology=topology)
    try:
        wait_ready()
        cookie = cookie or sign_in()
        results = {}
        for name, path in PAGES:
            path = {"bare": "/bare", "lesson": lesson}.get(name, path)
            url = f"http://127.0.0.1:{PORT}{path}"
            page_cookie = None if name == "bare" else cookie
            wrk(url, page_cookie, seconds=args.warmup, connections=args.connections, threads=args.threads)
            results[name] = wrk(
                url, page_cookie, seconds=args.seconds, connections=args.connections, threads=args.threads
            )
            results[name]["load"] = load()
        if args.overload and topology == "gunicorn":
            # Admission control: far more connections than the workers serve, then the load falls.
            url = f"http://127.0.0.1:{PORT}{lesson}"
            results["overload"] = wrk(
                url, cookie, seconds=args.seconds, connections=args.overload, threads=args.threads
            )
            results["overload"]["load"] = load()
            results["after"] = wrk(url, cookie, seconds=args.seconds, connections=2, threads=1)
            results["after"]["load"] = load()
        return results, cookie
    finally:
        stack(args, "stop")


def report_overload(results: dict) -> None:
    for name, what in (("overload", "lesson, overloaded"), ("after", "lesson, load fallen to 2 connections")):
        r = results[name]
        print(
            f"[admission] {what}: {r['rps']:.1f} pages/s served, {r['non_2xx']} answered 503, "
            f"p50 {r['p50']}, p99 {r['p99']} (all answers), socket errors {r['socket_errors']}, "
            f"load {r['load']}"
        )


def report(topology: str, results: dict) -> None:
    bare = results["bare"]["rps"]
    for name, _path in PAGES:
        r = results[name]
        print(
            f"[{topology}] {name}: {r['rps']:.1f} rps, p50 {r['p50']}, p99 {r['p99']}, "
            f"non-2xx {r['non_2xx']}, socket errors {r['socket_errors']}, load {r['load']}; "
            f"{name}/bare: {r['rps'] / bare:.2f}"
        )


def stack_arguments(parser: argparse.ArgumentParser) -> None:
    """Where the stack runs and what it uses (also ``bench/cpu_split.py``'s)."""
    parser.add_argument("--run-dir", default="/tmp/hotro-ratio")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hotro_ratio"),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3?socket_timeout=30")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--daphne", type=int, default=2, help="Daphne processes for --compare-daphne")
    parser.add_argument("--compare-daphne", action="store_true")
    parser.add_argument(
        "--overload", type=int, default=0, help="then the lesson page at this many connections, and at 2"
    )
    parser.add_argument("--cost", action="store_true", help="then each page's cost in one process")
    stack_arguments(parser)
    args = parser.parse_args()
    for tool in ("nginx", "wrk", "psql"):
        if not shutil.which(tool):
            raise SystemExit(
                f"{tool} is needed (Debian: apt-get install -y nginx-light wrk postgresql-client)"
            )

    started = time.monotonic()
    print(f"load average at start: {load()}", flush=True)
    stack(args, "prepare")
    python = str(ROOT / ".venv/bin/python")

    def lesson_of_canbo() -> str | None:
        try:
            found = stack(args, "exec", python, "manage.py", "shell", "-c", LESSON_OF_CANBO, capture=True)
        except subprocess.CalledProcessError:  # no such official yet
            return None
        match = re.search(r"^LESSON (\S+)", found, re.M)
        return match.group(1) if match else None

    lesson = lesson_of_canbo()
    if lesson is None:  # a new database: the demo data (seed_demo is idempotent, but takes a minute)
        stack(args, "exec", python, "manage.py", "seed_demo", "-v0")
        lesson = lesson_of_canbo()
    print(f"lesson page: {lesson}; setup took {time.monotonic() - started:.0f} s", flush=True)

    shipped, cookie = measure(args, "gunicorn", lesson, None)
    if args.compare_daphne:
        before, _cookie = measure(args, "daphne", lesson, cookie)
        report(f"daphne x{args.daphne}", before)
    if args.overload:
        report_overload(shipped)
    report(f"gunicorn x{args.workers}", shipped)
    print(f"load average at end: {load()}; {time.monotonic() - started:.0f} s in all")
    if args.cost:
        stack(args, "exec", python, str(ROOT / "bench" / "request_cost.py"))
    print(f"lesson/bare: {shipped['lesson']['rps'] / shipped['bare']['rps']:.2f}")


if __name__ == "__main__":
    main()
