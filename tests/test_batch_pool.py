"""leaflet.batch.pool: Ctrl-C or SIGTERM sent while a build starts a worker reaches the build afterwards, even in a
process with other threads (the preview's server)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# In a process of its own: it blocks, ignores and sends itself the signal.
SENT_WHILE_A_WORKER_STARTS = textwrap.dedent(
    """
    import os, signal, sys, threading, time
    from leaflet.batch import pool

    signum = getattr(signal, sys.argv[1])
    received = []
    signal.signal(signum, lambda number, frame: received.append(number))
    idle = threading.Event()
    {start}(threading.Thread(target=idle.wait, daemon=True))
    with pool._signals_held():  # as while a worker process starts
        os.kill(os.getpid(), signum)
        time.sleep(0.2)
    time.sleep(0.2)
    idle.set()
    print(len(received))
    """
)


def received(signum: str, start: str) -> str:
    script = SENT_WHILE_A_WORKER_STARTS.format(start=start)
    result = subprocess.run([sys.executable, "-c", script, signum], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_a_stop_signal_sent_while_a_worker_starts_is_not_lost_to_another_thread(signum: str) -> None:
    assert received(signum, "pool.start_thread") == "1\n"


def test_a_thread_started_plainly_would_lose_it() -> None:
    """Why the preview starts its server with pool.start_thread: the kernel hands the signal to the thread that
    does not block it, where it is ignored (a preview once missed a SIGTERM this way)."""
    assert received("SIGTERM", "threading.Thread.start") == "0\n"
