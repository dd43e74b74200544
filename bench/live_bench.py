"""Chat latency of live sessions with real WebSocket clients against Daphne processes on Redis.

(a) 1,000 participants in one session: chat messages from a few of them; the time from sending to
    arriving at each of the 1,000 sockets.
(b) 129 sessions of 50 participants at once (one per commune of Ninh Bình): every session chats at the
    same time; the time from sending to arriving at each socket of the same session.

It builds its own PostgreSQL database (dropped and created again each run: the real administrative
map, the officials, signed-in sessions), starts ``--servers`` Daphne processes sharing it and Redis,
and spreads the client sockets over ``--clients`` processes (the sending sockets live in this one).
Servers are restarted between (a) and (b). Each server is the production topology of tests/servers.py
(gunicorn for HTTP, Daphne for WebSockets, ``portal.router`` in front); the sockets go to Daphne's port
as nginx sends ``/ws/`` there (``--via-router``: through the router). Joins are paced (``--join-rate``
a second, at most ``--concurrency`` handshakes in flight per process, a progress line every 10 s) and
stop at ``--join-seconds``: the run goes on with the sockets that joined. Every wait is bounded;
``--max-seconds`` bounds the run and, when it strikes, what was reached is printed.

    .venv/bin/python bench/live_bench.py                # both, figures printed
    .venv/bin/python bench/live_bench.py --record       # ... and written to docs/benchmarks.md
    .venv/bin/python bench/live_bench.py --reuse --gc-default --detail
                          # the servers on CPython's own collector settings; each message's arrivals

Latency is measured on one machine's clock (``time.time()`` in every process): clients, servers,
PostgreSQL and Redis all share its cores, so the figures include their contention.
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import random
import secrets
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
# Overridable so that two people benchmarking on one machine do not share a database or Redis db.
DB_NAME = os.environ.get("BENCH_DB_NAME", "hotro_bench_live")
PG = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
PREFIX = f"bench-live-{secrets.token_hex(3)}"
SECRET_KEY = "bench-only-" + secrets.token_hex(16)

ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    "DEBUG": "0",
    "SECRET_KEY": SECRET_KEY,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": f"{PG}/{DB_NAME}",
    "REDIS_URL": REDIS_URL,
    "CHANNEL_PREFIX": PREFIX,
    "CACHE_KEY_PREFIX": PREFIX,
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": str(ROOT / "site"),
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- The database ------------------------------------------------------------------------------------


def database_build(args) -> dict:
    """A fresh database: the map, a trainer, the officials of (a) and (b), their sessions (opened) and
    a signed-in Django session for each. Returns the sockets to open, per scenario."""
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DB_NAME}")
    os.environ.update(ENV)
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone

    from live_sessions import services
    from people.geography import administrative_map_load
    from people.models import Commune, JobRole, Role, User

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    administrative_map_load()
    communes = list(Commune.objects.filter(province__name__endswith="Ninh Bình").order_by("code"))
    province = communes[0].province
    password = make_password(secrets.token_hex(8))
    trainer = User.objects.create(
        username="bench-trainer", role=Role.TRAINER, province=province, password=password
    )

    def officials(prefix: str, count: int, commune_of) -> list:
        return User.objects.bulk_create(
            User(
                username=f"{prefix}-{i}",
                full_name=f"Cán bộ {prefix} {i}",
                role=Role.OFFICIAL,
                province=province,
                commune=commune_of(i),
                job_role=JobRole.ONE_STOP,
                password=password,
            )
            for i in range(count)
        )

    def session_for(title: str, audience: list, capacity: int):
        now = timezone.now()
        session = services.session_save(
            trainer=trainer,
            data={
                "title": title,
                "starts_at": now,
                "ends_at": now + timedelta(hours=4),
                "audience_communes": audience,
                "audience_job_roles": [],
                "course_slug": "",
                "capacity": capacity,
                "meeting_room": None,
                "stuck_after_minutes": 5,
                "stuck_after_failures": 3,
            },
        )
        return services.session_transition(session_id=session.pk, transition="open", actor=trainer)

    def cookies(users: list) -> list[str]:
        rows, keys = [], []
        for user in users:
            key = secrets.token_hex(16)
            data = {
                "_auth_user_id": str(user.pk),
                "_auth_user_backend": "people.backends.UserBackend",
                "_auth_user_hash": user.get_session_auth_hash(),
            }
            rows.append(
                Session(
                    session_key=key,
                    session_data=SessionStore().encode(data),
                    expire_date=timezone.now() + timedelta(hours=6),
                )
            )
            keys.append(f"sessionid={key}")
        Session.objects.bulk_create(rows, batch_size=1000)
        return keys

    plan = {}
    if not args.skip_a:
        users = officials("a", args.participants, lambda i: communes[i % len(communes)])
        session = session_for("Bench (a): một buổi đông người", [], args.participants)
        plan["a"] = [(session.pk, cookie) for cookie in cookies(users)]
    if not args.skip_b:
        users = officials(
            "b", args.sessions * args.per_session, lambda i: communes[(i // args.per_session) % len(communes)]
        )
        plan["b"] = []
        for index in range(args.sessions):
            commune = communes[index % len(communes)]
            session = session_for(f"Bench (b): {commune.name}", [commune], args.per_session)
            members = users[index * args.per_session : (index + 1) * args.per_session]
            plan["b"] += [(session.pk, cookie) for cookie in cookies(members)]
    print(f"database ready in {time.monotonic() - started:.0f} s", flush=True)
    return plan


PLAN = ROOT / "bench" / "results" / "live_plan.json"


def shape(args) -> list:
    return [args.participants, args.sessions, args.per_session]


def plan_load(args) -> dict | None:
    """The sockets of the previous run, if it built the same database with every scenario this run
    needs (``--reuse``; a database built for both serves a run of one)."""
    if not PLAN.exists():
        return None
    saved = json.loads(PLAN.read_text())
    needed = {key for key, skip in (("a", args.skip_a), ("b", args.skip_b)) if not skip}
    if saved["shape"][:3] != shape(args) or not needed <= saved["plan"].keys():
        return None
    saved["plan"] = {key: saved["plan"][key] for key in needed}
    ENV["SECRET_KEY"] = saved["secret_key"]  # the one its sessions were signed with
    os.environ.update(ENV)
    print("reusing the database of the previous run", flush=True)
    return saved["plan"]


# --- Servers -----------------------------------------------------------------------------------------


class Pause(NamedTuple):
    """One garbage collection of 5 ms or more in a server (bench/live_settings.py)."""

    server: str
    after: float  # seconds after the first message was sent
    generation: int
    ms: float
    cpu_ms: float


class Servers:
    def __init__(self, count: int, via_router: bool = False):
        sys.path.insert(0, str(ROOT))
        from tests.servers import ServerGroup

        # The servers read bench/live_settings.py: the shipped settings, and the layer to compare.
        env = {**os.environ, **ENV, "DJANGO_SETTINGS_MODULE": "live_settings"}
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "site"), str(ROOT / "bench")])
        # Each server writes its collection pauses here (bench/live_settings.py).
        self.gc_dir = Path(tempfile.mkdtemp(prefix="live-bench-gc-"))
        env["LIVE_BENCH_GC_LOG"] = str(self.gc_dir)
        self.group = ServerGroup(env, count)
        self.via_router = via_router

    def start(self):
        for index in range(len(self.group.ports)):
            self.group.start(index)

    def stop(self):
        self.group.stop_all()

    def rss_mb(self) -> list[int]:
        """Each running server's Daphne (the sockets' process) resident memory, in MB (Linux's /proc)."""
        sizes = []
        for unit in self.group.processes:
            if unit is not None and unit.poll() is None:
                daphne = unit.processes[1]  # gunicorn, Daphne, the router (tests/servers.py)
                for row in Path(f"/proc/{daphne.pid}/status").read_text().splitlines():
                    if row.startswith("VmRSS:"):
                        sizes.append(int(row.split()[1]) // 1024)
        return sizes

    def gc_pauses(self, since: float, until: float) -> dict:
        """The servers' collections of 5 ms or more between two ``time.time()`` instants, in order:
        each one, how many, how many were full (generation 2) ones, and the longest."""
        pauses = []
        for log in self.gc_dir.glob("gc-*.log"):
            for row in log.read_text().splitlines():
                at, generation, ms, cpu = row.split()
                if since <= float(at) <= until:
                    pauses.append(Pause(log.stem, float(at) - since, int(generation), float(ms), float(cpu)))
        return {
            "pauses": sorted(pauses, key=lambda pause: pause.after),
            "count": len(pauses),
            "full": sum(1 for pause in pauses if pause.generation == 2),
            "longest": max((pause.ms for pause in pauses), default=0.0),
        }

    def address(self, index: int) -> tuple[str, str]:
        """The WebSocket URL and the Origin for the ``index``-th socket: Daphne's own port, as nginx
        passes ``/ws/`` straight to it in production (docs/deploy.md); with ``via_router`` the public
        port of ``portal.router``, the Python stand-in for nginx, which costs CPU of its own."""
        i = index % len(self.group.ports)
        public, _http, ws = self.group.port_sets[i]
        port = public if self.via_router else ws
        return f"ws://{self.group.host}:{port}", self.group.urls[i]


# --- Clients -----------------------------------------------------------------------------------------


async def open_socket(ws_url: str, origin: str, session_id: int, cookie: str, timeout: float):
    import websockets

    socket = await websockets.connect(
        f"{ws_url}/ws/live/{session_id}/",
        additional_headers={"Cookie": cookie},
        origin=origin,
        open_timeout=timeout,
        max_queue=None,
    )
    while True:  # session.state, then chat.history
        if json.loads(await asyncio.wait_for(socket.recv(), timeout=timeout))["type"] == "chat.history":
            return socket


class JoinDeadline(Exception):
    """The joining phase's time (``--join-seconds``) ran out before this socket could be opened."""


async def open_all(
    targets,
    concurrency: int,
    timeout: float,
    *,
    rate: float = 0,
    deadline: float | None = None,
    label: str = "",
    every: float = 10,
):
    """Open sockets paced at ``rate`` a second (0: no pacing) with at most ``concurrency`` handshakes
    in flight, each tried up to five times, none started after ``deadline`` (``time.monotonic()``);
    prints a progress line every ``every`` seconds. Returns the sockets and the failures as
    (session id, error)."""
    gate = asyncio.Semaphore(concurrency)
    started = time.monotonic()
    count = {"open": 0, "failed": 0}

    async def one(index, target):  # target: (ws_url, origin, session_id, cookie)
        if rate:
            await asyncio.sleep(max(0.0, started + index / rate - time.monotonic()))
        failure: Exception = JoinDeadline()
        async with gate:
            for attempt in range(5):  # as the page does: try again after a growing pause
                if deadline is not None and time.monotonic() > deadline:
                    failure = JoinDeadline()
                    break
                try:
                    socket = await open_socket(*target, timeout=timeout)
                    count["open"] += 1
                    return socket
                except Exception as error:  # noqa: BLE001 - a failed connection is counted, not fatal
                    failure = error
                    await asyncio.sleep(2**attempt * (0.5 + random.random() / 2))
        count["failed"] += 1
        return failure

    async def progress():
        while True:
            await asyncio.sleep(every)
            print(
                f"  {label}: {count['open']:,} of {len(targets):,} sockets open, {count['failed']} failed,"
                f" {time.monotonic() - started:.0f} s",
                flush=True,
            )

    reporter = asyncio.ensure_future(progress()) if label else None
    try:
        results = await asyncio.gather(*(one(i, t) for i, t in enumerate(targets)))
    finally:
        if reporter is not None:
            reporter.cancel()
    sockets = [r for r in results if not isinstance(r, Exception)]
    failures = [(t[2], r) for t, r in zip(targets, results, strict=True) if isinstance(r, Exception)]
    return sockets, failures


async def listen(socket, arrivals: list):
    try:
        async for frame in socket:
            now = time.time()
            message = json.loads(frame)
            if message["type"] == "chat.message" and message["message"]["body"].startswith("bench-"):
                arrivals.append((message["message"]["body"], now))
    except Exception:  # noqa: BLE001, S110 - the socket closes at the end of the run
        pass


async def until_quiet(arrivals: list, quiet: float, bound: float = 120) -> None:
    """Wait until nothing has arrived for ``quiet`` seconds (late deliveries still count), at most
    ``bound`` seconds."""
    deadline, seen, still = time.monotonic() + bound, -1, time.monotonic()
    while time.monotonic() < deadline:
        if len(arrivals) != seen:
            seen, still = len(arrivals), time.monotonic()
        elif time.monotonic() - still >= quiet:
            return
        await asyncio.sleep(0.2)


def client_process(targets, concurrency: int, timeout: float, quiet: float, pipe, join: dict):
    """A client process: open its sockets (paced, within the joining deadline: ``join``), say how it
    went, record arrivals until told to stop."""

    async def run():
        started = time.monotonic()
        deadline = started + join["seconds"]
        sockets, failures = await open_all(
            targets, concurrency, timeout, rate=join["rate"], deadline=deadline, label=join["label"]
        )
        arrivals: list = []
        listeners = [asyncio.ensure_future(listen(s, arrivals)) for s in sockets]
        pipe.send(
            (
                "ready",
                len(sockets),
                [repr(error) for _session, error in failures[:3]],
                [session for session, _error in failures],
                time.monotonic() - started,
            )
        )
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, pipe.recv)  # "stop"
        await until_quiet(arrivals, quiet)
        for socket in sockets:
            await socket.close()
        for listener in listeners:
            listener.cancel()
        pipe.send(("arrivals", arrivals))

    asyncio.run(run())


async def scenario(
    name: str, plan, senders_per_session: int, servers: Servers, args, schedule, progress: dict
) -> dict:
    """Connect every socket (senders here, the rest in client processes), run ``schedule`` (which
    sends), then gather arrivals and compute latencies. ``progress`` says how far it got, for the
    report of a run stopped by ``--max-seconds``."""
    by_session: dict[int, list[str]] = {}
    for session_id, cookie in plan:
        by_session.setdefault(session_id, []).append(cookie)
    # Senders and the other sockets each alternate over the servers, as a balancer spreads them: one
    # counter for all would put every session's first socket (its sender, in (b)) on the same server,
    # which then took in every message and did all the database work.
    sender_targets, other_targets = [], []
    for session_id, cookies in by_session.items():
        for position, cookie in enumerate(cookies):
            targets = sender_targets if position < senders_per_session else other_targets
            targets.append((session_id, (*servers.address(len(targets)), session_id, cookie)))
    started = time.monotonic()
    progress.update(phase="joining", sockets=len(plan), connected=0, failed=0, sent=0, arrivals=0)
    pace = (
        f"at {args.join_rate:g} a second at most ({len(plan) / args.join_rate / 60:.1f} min paced)"
        if args.join_rate
        else "unpaced"
    )
    print(
        f"{name}: joining {len(plan):,} sockets {pace}, {args.concurrency} handshakes at once per process,"
        f" within {args.join_seconds:.0f} s",
        flush=True,
    )
    # The sending sockets first, on idle servers: they must all be in.
    senders, failures = await open_all(
        [t for _s, t in sender_targets],
        args.concurrency,
        args.timeout,
        rate=args.join_rate,
        deadline=started + args.join_seconds,
        label=f"{name} senders",
    )
    if failures:
        raise SystemExit(f"{name}: {len(failures)} sending sockets failed: {[e for _s, e in failures[:3]]}")
    progress["connected"] = len(senders)
    context = multiprocessing.get_context("spawn")
    workers = []
    for worker in range(args.clients):
        mine = [target for _session, target in other_targets[worker :: args.clients]]
        parent_end, child_end = context.Pipe()
        join = {
            "rate": args.join_rate / args.clients,
            "seconds": max(1.0, args.join_seconds - (time.monotonic() - started)),
            "label": f"{name} client {worker + 1}",
        }
        process = context.Process(
            target=client_process,
            args=(mine, args.concurrency, args.timeout, args.grace, child_end, join),
            daemon=True,
        )
        process.start()
        workers.append((process, parent_end))
    loop = asyncio.get_running_loop()
    connected, failed_sessions = len(senders), []
    for _process, pipe in workers:
        ready = await asyncio.wait_for(loop.run_in_executor(None, pipe.recv), timeout=args.max_seconds)
        connected, failed_sessions = connected + ready[1], failed_sessions + ready[3]
        progress.update(connected=connected, failed=len(failed_sessions))
        if ready[3]:
            print(f"  {len(ready[3])} sockets failed to connect, e.g. {ready[2]}", flush=True)
    failed = len(failed_sessions)
    connect_seconds = time.monotonic() - started
    print(f"{name}: {connected} sockets connected in {connect_seconds:.0f} s ({failed} failed)", flush=True)
    progress.update(phase="chatting", connect_seconds=connect_seconds)
    arrivals: list = []
    listeners = [asyncio.ensure_future(listen(s, arrivals)) for s in senders]
    sender_sessions = [session_id for session_id, _t in sender_targets]
    sent = await schedule(senders, sender_sessions, progress)
    progress["phase"] = "collecting"
    for _process, pipe in workers:
        pipe.send("stop")
    await until_quiet(arrivals, args.grace)
    server_rss = servers.rss_mb()  # with every socket still open
    for process, pipe in workers:
        kind, theirs = await asyncio.wait_for(loop.run_in_executor(None, pipe.recv), timeout=180)
        arrivals += theirs
        process.join(timeout=30)
    for socket in senders:
        await socket.close()
    for listener in listeners:
        listener.cancel()
    # Deliveries expected: one per message per socket of its session that did connect.
    members = {session_id: len(cookies) for session_id, cookies in by_session.items()}
    for session_id in failed_sessions:
        members[session_id] -= 1
    latencies = [(at - sent[body][0]) * 1000 for body, at in arrivals if body in sent]
    # The collector's pauses while messages were on their way: from the first send to the last arrival.
    window = (min(at for at, _s in sent.values()), max((at for _b, at in arrivals), default=time.time()))
    gc_pauses = servers.gc_pauses(*window)
    if args.detail:
        for p in gc_pauses["pauses"]:
            print(
                f"  {p.server}: generation {p.generation}, {p.ms:.0f} ms ({p.cpu_ms:.0f} ms CPU),"
                f" {p.after:.1f} s in"
            )
    per_message: dict[str, list[float]] = {}
    for body, at in arrivals:
        if body in sent:
            per_message.setdefault(body, []).append((at - sent[body][0]) * 1000)
    expected = sum(members[session_id] for _at, session_id in sent.values())
    if args.detail:  # each message: when it reached its first, middle and last socket
        for body in sorted(per_message, key=lambda b: sent[b][0]):
            times = sorted(per_message[body])
            print(
                f"  {body}: first {times[0]:.0f}, median {times[len(times) // 2]:.0f},"
                f" last {times[-1]:.0f} ms ({len(times)} sockets)",
                flush=True,
            )
    return {
        "sockets": connected,
        "connect_failures": failed,
        "connect_seconds": connect_seconds,
        "messages": len(sent),
        "deliveries": len(latencies),
        "expected": expected,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "max": max(latencies),
        # The first socket served shows the server's own work on a message; the spread, the fan-out.
        "first_p50": percentile([min(v) for v in per_message.values()], 0.5),
        "spread_p50": percentile([max(v) - min(v) for v in per_message.values()], 0.5),
        "server_rss": server_rss,
        "gc": gc_pauses,
    }


def one_session_schedule(args):
    """(a): ``--messages`` messages, one every ``--interval`` seconds, from the senders in turn (each
    stays under the chat rate limit of 5 per 10 s)."""

    async def schedule(senders, sessions, progress):
        sent = {}
        for n in range(args.messages):
            body = f"bench-a-{n}"
            sent[body] = (time.time(), sessions[n % len(senders)])
            progress["sent"] = len(sent)
            await senders[n % len(senders)].send(json.dumps({"type": "chat.send", "body": body}))
            await asyncio.sleep(args.interval)
        return sent

    return schedule


def many_sessions_schedule(args):
    """(b): ``--rounds`` rounds; in each, every session sends one message, spread over the round."""

    async def schedule(senders, sessions, progress):
        sent = {}
        gap = args.round_seconds / len(senders)
        for round_ in range(args.rounds):
            order = list(range(len(senders)))
            random.shuffle(order)
            for i in order:
                body = f"bench-b-{round_}-{sessions[i]}"
                sent[body] = (time.time(), sessions[i])
                progress["sent"] = len(sent)
                await senders[i].send(json.dumps({"type": "chat.send", "body": body}))
                await asyncio.sleep(gap)
        return sent

    return schedule


def redis_forget() -> None:
    """Drop this run's keys (groups, channels, cache entries) from the shared Redis."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{PREFIX}*", count=1000):
        client.delete(key)


# --- Report ------------------------------------------------------------------------------------------


def line(label: str, r: dict) -> str:
    lost = r["expected"] - r["deliveries"]
    return (
        f"| {label} | {r['sockets']:,} | {r['messages']:,} | {r['deliveries']:,} of {r['expected']:,}"
        f" ({lost} lost) | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {r['max']:.0f} |"
        f" {r['first_p50']:.0f} | {r['spread_p50']:.0f} |"
    )


LAYER_TITLES = {
    "core": "### channels-redis core layer (the shipped settings)",
    "pubsub": "### channels-redis Pub/Sub layer (`--layer pubsub`, bench/live_settings.py)",
}


def report(args, results: dict, elapsed: float, load: tuple[float, float]) -> str:
    """This run's figures: the subsection of "## Live sessions" for its channel layer."""
    command = "python bench/live_bench.py " + " ".join(sys.argv[1:])
    rows = []
    if "a" in results:
        rows.append(line(f"(a) 1 session × {args.participants:,}", results["a"]))
    if "b" in results:
        rows.append(line(f"(b) {args.sessions} sessions × {args.per_session}", results["b"]))
    verdict = [
        f"({key}) p99 {r['p99']:.0f} ms: {'meets' if r['p99'] < 250 else 'misses'} the 250 ms target."
        for key, r in results.items()
    ]
    collections = "; ".join(
        f"({key}) {r['gc']['count']} of 5 ms or more ({r['gc']['full']} full), the longest"
        f" {r['gc']['longest']:.0f} ms"
        for key, r in results.items()
    )
    connects = "; ".join(
        f"({key}) {r['sockets']:,} sockets joined in {r['connect_seconds']:.0f} s,"
        f" servers' memory then {' and '.join(f'{mb:,} MB' for mb in r['server_rss'])}"
        for key, r in results.items()
    )
    return "\n".join(
        [
            LAYER_TITLES[args.layer]
            + (", CPython's default collector (`--gc-default`)" if args.gc_default else ""),
            "",
            f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `{command.strip()}`"
            f" ({elapsed / 60:.0f} min):"
            f" {os.cpu_count()} cores ({platform.processor() or platform.machine()}), {args.servers} Daphne"
            f" processes, PostgreSQL and Redis 7 on the same host, client sockets in {args.clients} + 1"
            f" processes on the same cores; load average {load[0]:.1f} before the run, {load[1]:.1f} after.",
            "",
            "| scenario | sockets | messages | deliveries | p50 | p95 | p99 | max | first socket"
            " | first→last |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            *rows,
            "",
            " ".join(verdict) + f" Joining: {connects}. The servers' garbage collections while"
            f" messages were on their way: {collections}.",
            "",
        ]
    )


def record(text: str) -> None:
    """Write this run's subsection into docs/benchmarks.md, under "## Live sessions", leaving every
    other section (other engineers' benchmarks) and the other layer's subsection as they are."""
    path = ROOT / "docs" / "benchmarks.md"
    current = path.read_text() if path.exists() else "# Benchmarks\n\nMeasured by the scripts in `bench/`.\n"
    start = current.find("## Live sessions")
    if start == -1:
        current = current.rstrip("\n") + "\n\n## Live sessions\n\n"
        start = current.find("## Live sessions")
    end = current.find("\n## ", start + 1)
    end = len(current) if end == -1 else end + 1
    section = current[start:end]
    title = text.split("\n", 1)[0]
    at = section.find(title + "\n")
    if at == -1:
        section = section.rstrip("\n") + "\n\n" + text.strip("\n")
    else:
        after = section.find("\n### ", at + 1)
        rest = section[after + 1 :] if after != -1 else ""
        section = section[:at] + text.strip("\n") + ("\n\n" + rest if rest else "")
    tail = current[end:]  # the next "## " section, if any
    path.write_text(current[:start] + section.rstrip("\n") + "\n" + ("\n" + tail if tail else ""))
    print(f"written to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=129)
    parser.add_argument("--per-session", type=int, default=50)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=2, help="client processes besides this one")
    parser.add_argument("--messages", type=int, default=30, help="(a) messages")
    parser.add_argument("--interval", type=float, default=1.0, help="(a) seconds between messages")
    parser.add_argument("--rounds", type=int, default=6, help="(b) rounds of one message per session")
    parser.add_argument("--round-seconds", type=float, default=3.0, help="(b) length of a round")
    parser.add_argument("--concurrency", type=int, default=20, help="connections opened at once per process")
    parser.add_argument(
        "--join-rate",
        type=float,
        default=40,
        help="sockets opened a second at most, all processes together (0: as fast as --concurrency"
        " allows); a join is a dozen statements on the server's one database thread",
    )
    parser.add_argument(
        "--join-seconds",
        type=float,
        default=900,
        help="no socket is opened after this; the run goes on with the sockets that joined",
    )
    parser.add_argument("--timeout", type=float, default=60, help="seconds for one connection to open")
    parser.add_argument(
        "--grace", type=float, default=3, help="the run ends once nothing arrived for this long"
    )
    parser.add_argument(
        "--max-seconds", type=float, default=2400, help="bound on the whole run; prints what it got"
    )
    parser.add_argument(
        "--via-router",
        action="store_true",
        help="sockets through portal.router (the Python stand-in for nginx) rather than Daphne's port",
    )
    parser.add_argument(
        "--layer",
        choices=["core", "pubsub"],
        default="core",
        help="channels-redis layer: core (the shipped settings) or pubsub (bench/live_settings.py)",
    )
    parser.add_argument(
        "--gc-default",
        action="store_true",
        help="servers keep CPython's collector settings (GC_TUNING=0), to compare with portal/gc_tuning.py",
    )
    parser.add_argument("--detail", action="store_true", help="print each message's arrivals")
    parser.add_argument("--skip-a", action="store_true")
    parser.add_argument("--skip-b", action="store_true")
    parser.add_argument("--record", action="store_true", help="write the figures into docs/benchmarks.md")
    parser.add_argument("--reuse", action="store_true", help="reuse the previous run's database if alike")
    args = parser.parse_args()

    started = time.monotonic()
    load_before = os.getloadavg()[0]
    if args.layer == "pubsub":
        ENV["LIVE_BENCH_LAYER"] = "pubsub"
    if args.gc_default:
        ENV["GC_TUNING"] = "0"
    plan = plan_load(args) if args.reuse else None
    if plan is None:
        plan = database_build(args)
        PLAN.parent.mkdir(exist_ok=True)
        PLAN.write_text(json.dumps({"shape": shape(args), "secret_key": SECRET_KEY, "plan": plan}))
    servers = Servers(args.servers, via_router=args.via_router)
    results = {}

    async def bounded(coroutine):
        remaining = args.max_seconds - (time.monotonic() - started)
        return await asyncio.wait_for(coroutine, timeout=max(remaining, 1))

    try:
        for key, senders, schedule in (
            ("a", 5, one_session_schedule(args)),
            ("b", 1, many_sessions_schedule(args)),
        ):
            if key not in plan:
                continue
            servers.start()
            progress: dict = {"phase": "starting"}
            try:
                results[key] = asyncio.run(
                    bounded(scenario(key, plan[key], senders, servers, args, schedule, progress))
                )
            except TimeoutError:
                print(
                    f"({key}) stopped by --max-seconds ({args.max_seconds:.0f} s) while {progress['phase']}:"
                    f" {progress.get('connected', 0):,} of {progress.get('sockets', 0):,} sockets joined"
                    f" ({progress.get('failed', 0)} failed; the client processes' own progress lines above"
                    f" count theirs while joining), {progress.get('sent', 0)} messages sent",
                    flush=True,
                )
                continue
            finally:
                servers.stop()
            r = results[key]
            print(
                f"({key}) {r['messages']} messages, {r['deliveries']}/{r['expected']} deliveries: "
                f"p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, p99 {r['p99']:.0f} ms, "
                f"max {r['max']:.0f} ms; first socket {r['first_p50']:.0f} ms, "
                f"first to last {r['spread_p50']:.0f} ms (medians); servers' collections of 5 ms or more:"
                f" {r['gc']['count']} ({r['gc']['full']} full), the longest {r['gc']['longest']:.0f} ms",
                flush=True,
            )
    finally:
        servers.stop()
        shutil.rmtree(servers.gc_dir, ignore_errors=True)
        redis_forget()
    if not results:
        print("no scenario finished: nothing to report")
        return
    text = report(args, results, time.monotonic() - started, (load_before, os.getloadavg()[0]))
    print("\n" + text)
    if args.record:
        record(text)


if __name__ == "__main__":
    main()
