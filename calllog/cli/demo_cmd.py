"""``calllog demo``: a fictional case to try calllog on."""

from __future__ import annotations

from pathlib import Path

import click

from calllog.cli.import_cmd import describe_result
from calllog.cli.view_cmds import print_parties
from calllog.cli.report_cmd import print_pack
from calllog.demo import build_demo_case, mark_demo_story
from calllog.report.pack import write_pack


@click.command("demo")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to create the demo in: the case goes to OUTPUT/case, its pack to OUTPUT/pack.")
@click.option("--samples", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder with the sample files (default: samples/ of this calllog).")
def demo_command(output: Path, samples: Path | None) -> None:
    """Build a case from the fictional sample files, show its parties and
    write its evidence pack.

    \b
    Example:
      calllog demo -o demo
    """
    case, results = build_demo_case(output / "case", samples)
    click.echo(f"Demo case (fictional data, see samples/STORY.md) in {(output / 'case').resolve()}")
    for result in results:
        click.echo(f"  {describe_result(result)}")
    if any(r.failed for r in results):
        click.get_current_context().exit(1)
    mark_demo_story(case)
    click.echo()
    print_parties(case, top=None)
    click.echo()
    pack = write_pack(case, output / "pack")
    print_pack(pack.folder, pack.files)
    case.close()


COMMANDS = [demo_command]
