"""Run ``calllog`` in a process of its own, as the crash and concurrency
tests need it: without network, and able to stop at a chosen point of an
import so that a test can kill it there, or let another process run into it.

    python -m tests.hostile.driver [--pause-at POINT --signal FILE [--release FILE]]
                                   [--before-begin FILE] [--busy-timeout SECONDS] -- ARGS...

POINT is where the import stops (after writing FILE, so the test knows):

* ``copy``: the file has been copied into the case's private folder;
* ``stored``: inside the store transaction, every row written, not committed;
* ``kept``: the original has its final name, the transaction is not committed.

Without ``--release`` the process waits there until it is killed; with it,
until that file appears. ``--before-begin FILE`` writes FILE just before
each attempt to take the case's write lock. ``--busy-timeout`` replaces
calllog's wait for a busy case (60 s).
"""

from __future__ import annotations

import argparse
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import calllog.store
from calllog.case import Case
from calllog.cli.main import cli
from calllog.store import Store


def _no_network() -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("calllog must never use the network")

    for name in ("connect", "connect_ex", "bind"):
        setattr(socket.socket, name, refuse)
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def _wait(signal: Path, release: Path | None) -> None:
    signal.write_text("here\n", encoding="utf-8")
    while release is None or not release.exists():
        time.sleep(0.01)


def _pause_after(owner: type, name: str, pause: Callable[[], None], when: Callable[..., bool] = lambda *a: True) -> None:
    original = getattr(owner, name)

    def paused(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        if when(*args, **kwargs):
            pause()
        return result

    setattr(owner, name, paused)


def _signal_before_begin(signal: Path) -> None:
    original = Store.transaction

    @contextmanager
    def announced(self: Store, *args: Any, **kwargs: Any) -> Iterator[Any]:
        signal.write_text("begin\n", encoding="utf-8")
        with original(self, *args, **kwargs) as conn:
            yield conn

    Store.transaction = announced  # type: ignore[method-assign]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pause-at", choices=["copy", "stored", "kept"])
    parser.add_argument("--signal", type=Path)
    parser.add_argument("--release", type=Path)
    parser.add_argument("--before-begin", type=Path)
    parser.add_argument("--busy-timeout", type=float)
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    _no_network()
    if options.busy_timeout is not None:
        calllog.store.BUSY_TIMEOUT_S = options.busy_timeout
    if options.before_begin is not None:
        _signal_before_begin(options.before_begin)
    if options.pause_at is not None:
        def pause() -> None:
            _wait(options.signal, options.release)

        if options.pause_at == "copy":
            _pause_after(Case, "receive", pause, when=lambda *a, **k: k.get("beside") is None)
        elif options.pause_at == "stored":
            _pause_after(Store, "update_source_counts", pause)
        else:
            _pause_after(Case, "keep", pause)
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    cli.main(args, prog_name="calllog")


if __name__ == "__main__":
    main(sys.argv[1:])
