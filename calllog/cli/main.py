"""The ``calllog`` command group and the one place errors become messages."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import click

from calllog import __version__
from calllog.errors import CalllogError


class UserError(click.ClickException):
    """A CalllogError as the terminal shows it: one sentence and a hint."""

    exit_code = 1

    def __init__(self, error: CalllogError) -> None:
        super().__init__(error.message)
        self.hint = error.hint

    def format_message(self) -> str:
        return self.message + (f"\nHint: {self.hint}" if self.hint else "")


class CalllogGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CalllogError as error:
            raise UserError(error) from None


@click.group(cls=CalllogGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="calllog", message="%(prog)s %(version)s")
@click.option(
    "-C",
    "--case",
    "case_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Work on the case in this folder (default: the current folder).",
)
@click.pass_context
def cli(ctx: click.Context, case_dir: Path | None) -> None:
    """Keep, read and analyse phone and message exports as evidence of
    telephone harassment.

    \b
    Start with:
      calllog init --owner "0470 12 34 56" --title "My case"
      calllog import calls-2026.xml sms-2026.xml operator.csv
      calllog parties
    """
    ctx.obj = {"case_dir": case_dir}


# each module lists its commands in COMMANDS
COMMAND_MODULES = (
    "case_cmds", "import_cmd", "view_cmds", "analysis_cmds", "diary_cmds", "ombudsman_cmd", "charts_cmd",
    "export_cmd", "report_cmd", "demo_cmd",
)


def _register() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"calllog.cli.{name}")
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="calllog")


if __name__ == "__main__":  # pragma: no cover
    main()
