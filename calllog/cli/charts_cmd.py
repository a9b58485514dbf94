"""``calllog charts``: the six charts of the case, as files."""

from __future__ import annotations

from pathlib import Path

import click

from calllog.casedata import load_analysis_input
from calllog.cli.options import case_option, open_case
from calllog.errors import CaseError, SettingsError


@click.command("charts")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the charts to (made if it does not exist).")
@click.option("--format", "formats", default="png,pdf", show_default=True, metavar="png,pdf,svg",
              help="The file formats, separated by commas: png (for screens), pdf and svg (for print).")
@click.option("--party", default=None, metavar="NUMBER|NAME",
              help="Chart this number or person instead of the persons of interest ('withheld' for calls "
                   "without a number).")
@click.option("--include-all", is_flag=True,
              help="Show every number in full on the top-numbers chart (by default the numbers of people "
                   "not involved are partly hidden).")
@case_option
def charts_command(out_dir: Path, formats: str, party: str | None, include_all: bool, case_dir: Path | None) -> None:
    """Draw six charts of the contacts, ready for a report or a pleading:
    contacts per day, every contact by time of day, hour x weekday, contacts
    added up, a calendar, and the busiest numbers.

    The charts are about the persons of interest (see 'calllog person
    --suspect'), or the number that contacted you most when none is
    marked. Labels are in the case language. Each file written is listed.

    \b
    Example:
      calllog charts -o charts --format png,pdf
    """
    from calllog.diary import diary_markers
    from calllog.report.charts import check_formats, write_charts  # matplotlib loads only for this command

    try:
        kinds = check_formats(formats.split(","))
    except SettingsError as error:
        raise click.BadParameter(f"{error.message} {error.hint}", param_hint="'--format'") from None
    case = open_case(case_dir)
    try:
        inp = load_analysis_input(case)
        if inp.events.empty:
            raise CaseError("There are no calls or messages in this case to draw.",
                            hint="Import your exports first: calllog import FILE...")
        written = write_charts(inp, out_dir, kinds, party=party, include_all=include_all, title=case.title,
                               diary=diary_markers(case, inp.language))
    finally:
        case.close()
    for path in written:
        click.echo(str(path))


COMMANDS = [charts_command]
