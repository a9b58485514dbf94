"""``calllog init``: create a case."""

from __future__ import annotations

from pathlib import Path

import click

from calllog.case import LANGUAGES, Case
from calllog.cli.options import case_option, resolve_case_dir
from calllog.phone import display_number
from calllog.timeutil import DEFAULT_ZONE


@click.command("init")
@click.option("--owner", "owners", multiple=True, metavar="NUMBER",
              help="Your own phone number (the line that was called). Repeat for several lines.")
@click.option("--tz", "tz_name", default=DEFAULT_ZONE, show_default=True, metavar="ZONE",
              help="Time zone of the case: all dates and hours are shown in it.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="nl", show_default=True,
              help="Language of reports.")
@click.option("--title", default="", help="A title for reports, e.g. 'Case of A. - calls 2026'.")
@case_option
def init_command(owners: tuple[str, ...], tz_name: str, lang: str, title: str, case_dir: Path | None) -> None:
    """Create a case in the current folder (or -C FOLDER).

    \b
    Example:
      calllog init --owner "0470 12 34 56" --title "Calls from X"
    """
    root = resolve_case_dir(case_dir)
    case = Case.create(root, list(owners), tz_name, lang, title)
    lines = ", ".join(display_number(n) for n in case.owners) or "none given"
    click.echo(f"Created a case in {root.resolve()}")
    click.echo(f"  your line(s): {lines}")
    click.echo(f"  time zone:    {tz_name}")
    click.echo(f"  language:     {lang}")
    click.echo("Next: calllog import FILE...  (see 'calllog formats' for what it reads)")
    case.close()


COMMANDS = [init_command]
