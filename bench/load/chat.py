"""Live-session chat during the peak: officials connected to live sessions over WebSockets, each sending
a message now and then, measured from send to the broadcast coming back.

Run it beside the locust run (same stack, same data; see bench/load/locustfile.py):

    .venv/bin/python bench/load/chat.py --url ws://127.0.0.1:8100 --duration 300

Locust's users are synchronous HTTP clients; a WebSocket held open for minutes fits asyncio better, so
the chat is this separate script. Each connected official (the rows of users.csv with a live session)
behaves like live.js: connects with ``?after=<last message id>``, sends a heartbeat every 30 s, and
reconnects with that id when the socket drops. Printed: connection times, the round trip of each
message (``chat.send`` until its ``chat.message`` arrives back), error frames, reconnections, and
messages sent but never seen again (lost).
"""

import argparse
import asyncio
import csv
import json
import os
import random
import statistics
import time
from pathlib import Path

from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

RUN = Path(os.environ.get("BENCH_RUN_DIR", "/tmp/hotro-bench"))


class Stats:
    def __init__(self):
        self.connect_ms: list[float] = []
        self.round_trip_ms: list[float] = []
        self.sent = 0
        self.errors: dict[str, int] = {}
        self.reconnects = 0
        self.pending: dict[str, float] = {}

    def error(self, code: str) -> None:
        self.errors[code] = self.errors.get(code, 0) + 1


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def official(row: dict, args, stats: Stats, deadline: float, plan: dict) -> None:
    cookie = f"{plan['session_cookie']}={row['session']}"
    origin = args.url.replace("ws://", "http://").replace("wss://", "https://")
    last_id = 0
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            async with connect(
                f"{args.url}/ws/live/{row['live_session']}/?after={last_id}",
                additional_headers={"Cookie": cookie},
                origin=origin,
                open_timeout=30,
            ) as socket:
                stats.connect_ms.append((time.monotonic() - started) * 1000)
                next_message = time.monotonic() + random.uniform(0, args.message_every * 2)
                next_heartbeat = time.monotonic() + 30
                while time.monotonic() < deadline:
                    now = time.monotonic()
                    if now >= next_message:
                        token = f"{row['username']}-{stats.sent}-{random.randrange(10**9)}"
                        stats.pending[token] = now
                        stats.sent += 1
                        await socket.send(json.dumps({"type": "chat.send", "body": f"Xin hỏi: {token}"}))
                        next_message = now + random.uniform(0.5, 1.5) * args.message_every
                    if now >= next_heartbeat:
                        await socket.send(json.dumps({"type": "heartbeat"}))
                        next_heartbeat = now + 30
                    timeout = max(0.05, min(next_message, next_heartbeat, deadline) - time.monotonic())
                    try:
                        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout))
                    except TimeoutError:
                        continue
                    kind = frame.get("type")
                    if kind == "chat.message":
                        message = frame["message"]
                        last_id = max(last_id, message["id"])
                        token = message["body"].rsplit(" ", 1)[-1]
                        sent_at = stats.pending.pop(token, None)
                        if sent_at is not None:
                            stats.round_trip_ms.append((time.monotonic() - sent_at) * 1000)
                    elif kind == "chat.history":
                        for message in frame["messages"]:
                            last_id = max(last_id, message["id"])
                            stats.pending.pop(message["body"].rsplit(" ", 1)[-1], None)
                    elif kind == "error":
                        stats.error(frame.get("code", "?"))
                return
        except (OSError, TimeoutError, WebSocketException) as failure:
            stats.error(type(failure).__name__)
            stats.reconnects += 1
            await asyncio.sleep(random.uniform(0.5, 2))


async def main_async(args) -> Stats:
    plan = json.loads((RUN / "plan.json").read_text())
    with open(RUN / "users.csv", newline="") as file:
        rows = [row for row in csv.DictReader(file) if row["live_session"]][: args.officials]
    stats = Stats()
    deadline = time.monotonic() + args.duration
    tasks = []
    for row in rows:
        tasks.append(asyncio.create_task(official(row, args, stats, deadline, plan)))
        await asyncio.sleep(args.ramp / max(1, len(rows)))
    await asyncio.wait(tasks, timeout=args.duration + 60)
    # Messages still waiting when the run stops were sent in its last seconds: give them a grace period
    # in the report rather than calling them lost.
    late = [token for token, sent_at in stats.pending.items() if time.monotonic() - sent_at < 5]
    for token in late:
        stats.pending.pop(token)
    print(f"chat: {len(rows)} officials in {len({r['live_session'] for r in rows})} live sessions")
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", default="ws://127.0.0.1:8100")
    parser.add_argument("--duration", type=float, default=300)
    parser.add_argument("--officials", type=int, default=600)
    parser.add_argument("--message-every", type=float, default=60, help="mean seconds between messages")
    parser.add_argument("--ramp", type=float, default=30, help="seconds over which the sockets connect")
    args = parser.parse_args()
    stats = asyncio.run(main_async(args))
    rt, cn = stats.round_trip_ms, stats.connect_ms
    print(
        "| measure | count | p50 ms | p95 ms | p99 ms |\n| --- | ---: | ---: | ---: | ---: |\n"
        + "\n".join(
            f"| {label} | {len(values)} | {_percentile(values, 0.5):.0f} | {_percentile(values, 0.95):.0f} | "
            f"{_percentile(values, 0.99):.0f} |"
            for label, values in (("connect", cn), ("chat round trip", rt))
        )
    )
    mean = statistics.mean(rt) if rt else float("nan")
    print(
        f"sent {stats.sent}, echoed {len(rt)} (mean {mean:.0f} ms), lost {len(stats.pending)}, "
        f"reconnects {stats.reconnects}, errors {stats.errors or 0}"
    )


if __name__ == "__main__":
    main()
