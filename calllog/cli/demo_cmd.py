"""``calllog demo``: a fictional case to try calllog on."""

from __future__ import annotations

from pathlib import Path

import click

from calllog.cli.import_cmd import describe_result
from calllog.cli.view_cmds import print_parties
from calllog.demo import build_demo_case


@click.command("demo")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to create the demo case in.")
@click.option("--samples", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder with the sample files (default: samples/ of this calllog).")
def demo_command(output: Path, samples: Path | None) -> None:
    """Build a demo case from the fictional sample files and show its parties.

    \b
    Example:
      calllog demo -o demo-case
    """
    case, results = build_demo_case(output, samples)
    click.echo(f"Demo case (fictional data, see samples/STORY.md) in {output.resolve()}")
    for result in results:
        click.echo(f"  {describe_result(result)}")
    click.echo()
    print_parties(case, top=None)
    case.close()
    if any(r.failed for r in results):
        click.get_current_context().exit(1)


COMMANDS = [demo_command]
