"""What every test shares: no network, and hypothesis settings.

calllog never needs the network: it reads files a person already has. Any
socket a test opens (a parser fetching an external entity or DTD, a
library phoning home) fails the test at once, whatever the code around it
does with the error: the refusal is recorded and re-raised at teardown.
Processes a test starts install the same guard (``tests/hostile/driver.py``).

Hypothesis runs derandomised, with no example database written into the
repository, so that a run is the same on every machine and every time.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["tests.hostile.harness"]

settings.register_profile(
    "calllog",
    database=None,
    derandomize=True,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow],
)
# a longer hunt, by hand: pytest --hypothesis-profile=thorough tests/test_hostile_properties.py
settings.register_profile("thorough", parent=settings.get_profile("calllog"), max_examples=3000)
settings.load_profile("calllog")


class NetworkUsed(AssertionError):
    """Raised in place of any socket connect or bind during a test."""


def refuse_network(attempts: list[str]) -> Any:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        where = ", ".join(repr(a) for a in args if not isinstance(a, socket.socket))
        attempts.append(where)
        raise NetworkUsed(f"calllog tried to use the network ({where}); it must never need it.")

    return refuse


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Make every socket connect, bind and name look-up raise; fail the test
    if one was tried, even when the code under test swallowed the error."""
    attempts: list[str] = []
    refuse = refuse_network(attempts)
    for name in ("connect", "connect_ex", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert not attempts, f"network used: {attempts}"
