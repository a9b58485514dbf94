"""Options and helpers shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from calllog.case import Case

F = TypeVar("F", bound=Callable[..., Any])


def case_option(func: F) -> F:
    """``-C/--case DIR`` on a command; it overrides ``calllog -C DIR``."""
    return click.option(
        "-C",
        "--case",
        "case_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="The case folder (default: the current folder, or calllog -C DIR).",
    )(func)


def resolve_case_dir(case_dir: Path | None) -> Path:
    if case_dir is not None:
        return case_dir
    ctx = click.get_current_context()
    root = ctx.find_root().obj or {}
    return Path(root.get("case_dir") or ".")


def open_case(case_dir_option: Path | None) -> Case:
    return Case.open(resolve_case_dir(case_dir_option))


def count(n: int) -> str:
    """A count with thousands separated, as people read it."""
    return f"{n:,}"


def render_table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    """A plain-text table with columns as wide as their widest cell."""
    right = right or set()
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row)]

    def line(cells: list[str]) -> str:
        parts = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])
