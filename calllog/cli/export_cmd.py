"""``calllog export``: the workbook for the police and the lawyer."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import click

from calllog.analysis import AnalysisInput
from calllog.casedata import load_analysis_input
from calllog.cli.options import case_option, count, open_case
from calllog.errors import CaseError
from calllog.i18n import LANGUAGES

# what the Events sheet lists, by the reason it was chosen (workbook_events)
LISTED = {
    "interest": "the persons of interest and the withheld number",
    "consistent": "no person of interest is marked: the numbers consistent with belaging and the withheld number",
    "none": "no person of interest is marked: the withheld number only",
    "all": "every number, as asked with --include-all",
}


@click.command("export")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The workbook to write (.xlsx); an existing file is replaced.")
@click.option("--include-all", is_flag=True,
              help="List the events of every number, also of people not involved (family, work); by default "
                   "they are only counted.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="The language of the workbook (default: the case language).")
@click.option("--no-charts", is_flag=True, help="Leave out the Charts sheet (faster).")
@case_option
def export_command(output: Path, include_all: bool, lang: str | None, no_charts: bool, case_dir: Path | None) -> None:
    """Write the workbook to attach to a police report: a Summary, every
    call and message of the persons of interest and of withheld numbers
    (with the files that show each), counts per day and per hour, the
    withheld calls, the diary, the imported files with their SHA-256, and
    the charts. It prints on A4 and no cell is ever a formula.

    \b
    Example:
      calllog export -o case.xlsx
      calllog export -o case-fr.xlsx --lang fr
    """
    if output.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{output.name} does not end in .xlsx.", param_hint="'-o'")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise CaseError(f"The folder {folder} does not exist.", hint="Make it first, or choose another file with -o.")
    from calllog.report.workbook import write_case_workbook

    case = open_case(case_dir)
    try:
        inp = load_analysis_input(case)
        if inp.events.empty:
            raise CaseError("There are no calls or messages in this case to export.",
                            hint="Import your exports first: calllog import FILE...")
        if lang is not None:
            inp = dataclasses.replace(inp, language=lang)
        with tempfile.TemporaryDirectory(prefix="calllog-charts-") as charts_dir:
            pngs = [] if no_charts else _chart_pngs(inp, Path(charts_dir), include_all, case.title)
            written = write_case_workbook(case, output, include_all=include_all, chart_pngs=pngs, inp=inp)
    finally:
        case.close()
    click.echo(f"Wrote {output}")
    click.echo(f"Sheets: {', '.join(written.sheets)}")
    click.echo(f"Events listed: {count(written.events_listed)} ({LISTED[written.basis]})")
    if written.hidden_numbers:
        click.echo(f"Not listed: {count(written.hidden_events)} contacts with {count(written.hidden_numbers)} other "
                   f"numbers, only counted on the Summary; add --include-all to list them.")


def _chart_pngs(inp: AnalysisInput, folder: Path, include_all: bool, title: str) -> list[Path]:
    from calllog.report.charts import write_charts  # matplotlib loads only when charts are drawn

    written = write_charts(inp, folder, ("png",), include_all=include_all, title=title)
    return [path for path in written if path.suffix == ".png"]


COMMANDS = [export_command]
