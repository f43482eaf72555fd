"""Crash safety (kill -9 mid-append) and concurrent reading while the monitor writes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.store import Store, verify
from tests.conftest import REPO
from tests.store.factory import tiny_jpeg

# The child appends as fast as it can (every 7th record with a fresh snapshot) and prints each
# seq only after append() returned, i.e. after the commit: a printed seq must survive the kill.
CHILD = r"""
import itertools, os, sys
from pathlib import Path
from app.store import Store

store = Store.open(Path(sys.argv[1]))
sid = store.start_session("kill-test", "default", {"pid": os.getpid()})
jpeg_head = bytes.fromhex("ffd8ffe000104a464946")
for i in itertools.count():
    snap = jpeg_head + os.urandom(256) if i % 7 == 0 else None
    kind = "violation_start" if snap else "sample"
    rec = store.append(sid, kind, {"i": i, "s": "o m o -", "banned": 0, "elapsed_ms": i},
                       snapshot=snap)
    print(rec.seq, flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_kill_9_at_random_moments_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "kill" / "livecomply.db"
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    committed: list[int] = []
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for round_no in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path)], cwd=REPO, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert proc.stdout is not None
        if round_no % 3 != 2:
            first = proc.stdout.readline()  # the child is appending; kill it mid-stream
            assert first.strip().isdigit(), proc.stderr.read() if proc.stderr else ""
            committed.append(int(first))
            time.sleep(rng.uniform(0.01, 0.25))
        else:
            time.sleep(rng.uniform(0.0, 0.4))  # anywhere, even while creating/opening the DB
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, err
        committed += [int(line) for line in out.split() if line.isdigit()]
        if not path.exists():
            continue
        result = verify(path)
        assert result.ok, f"seed={seed} round={round_no}: {result.first_bad}"
        with Store.open(path, readonly=True) as store:
            total = store.count()
        # contiguous (verify checks seq 1..N with no gap) and nothing acknowledged was lost
        assert result.checked == total
        assert result.head_seq == total
        assert not committed or max(committed) <= total, f"seed={seed}: lost committed records"
    assert committed, "the child never got to append"
    # The database opens clean for writing after all that and the chain continues.
    with Store.open(path) as store:
        sid = store.start_session("after", "default", {})
        store.end_session(sid)
        unended = [s for s in store.sessions() if s.end is None]
        assert len(unended) >= 4  # every killed session stays visible as "not ended"
    assert verify(path).ok


def test_readers_see_commits_while_a_worker_thread_writes(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    store = Store.open(path)
    sid = store.start_session("demo", "p", {})
    n = 300
    errors: list[BaseException] = []
    seen: list[int] = []
    done = threading.Event()

    def writer() -> None:
        try:
            for i in range(n):
                store.sample(sid, statuses="o o o o", banned=0, elapsed_ms=i)
                if i % 50 == 0:
                    store.violation_start(sid, element="price", requirement="P1", rule="r",
                                          article="a", status="missing", confidence=0.5,
                                          snapshot=tiny_jpeg(i))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            done.set()

    def ui_reader() -> None:
        """The UI thread: reads through the same Store (its own connection per thread)."""
        try:
            while not done.is_set():
                count = sum(1 for _ in store.records(sid, ["sample"]))
                seen.append(count)
                store.sessions()
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    def other_process_reader() -> None:
        """A report or `livecomply sessions` with its own read-only Store."""
        try:
            with Store.open(path, readonly=True) as ro:
                while not done.is_set():
                    assert ro.latest_session_id() == sid
                    ro.count(sid)
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=f) for f in (writer, ui_reader, other_process_reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert seen == sorted(seen)  # never goes backwards
    assert len(set(seen)) > 1  # the reader really ran while the writer wrote
    assert sum(1 for _ in store.records(sid, ["sample"])) == n
    store.close()
    result = verify(path)
    assert result.ok and result.checked == 1 + n + n // 50


def test_two_writer_stores_on_one_file_keep_one_chain(tmp_path: Path) -> None:
    """Two app instances writing the same DB (e.g. monitor + teleprompter processes)."""
    path = tmp_path / "two.db"
    a, b = Store.open(path), Store.open(path)
    sa = a.start_session("obs", "p", {})
    sb = b.start_session("teleprompter", "p", {})

    def write(store: Store, sid: str) -> None:
        for i in range(100):
            store.append(sid, "reminder_ticked", {"reminder_id": i, "text": "x"})

    threads = [threading.Thread(target=write, args=(s, i)) for s, i in ((a, sa), (b, sb))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    a.close()
    b.close()
    result = verify(path)
    assert result.ok and result.checked == 202
