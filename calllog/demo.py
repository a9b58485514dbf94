"""The demo case: a fictional case built from the files in ``samples/``.

Everything in it is invented (see samples/STORY.md); it shows what calllog
does without anyone's real data.
"""

from __future__ import annotations

from pathlib import Path

from calllog.analysis import notice_instant
from calllog.case import Case
from calllog.errors import CaseError
from calllog.ingest import FileResult, import_files
from calllog.store import to_us

DEMO_OWNER = "+32470000001"
DEMO_TITLE = "Fictional demo case"
# what samples/STORY.md tells: his two numbers, and the registered letter
DEMO_PERSON = ("Jens (fictional)", ("+32470000066", "+32470000067"))
DEMO_NOTICE = ("2026-01-15", "registered letter (fictional)")
SAMPLE_PATTERNS = ("calls-*.xml", "sms-*.xml", "operator-*.csv", "operator-*.xlsx")


def samples_dir() -> Path:
    """The samples folder next to the package (a source checkout)."""
    candidate = Path(__file__).resolve().parent.parent / "samples"
    if candidate.is_dir():
        return candidate
    raise CaseError(
        "The demo files (samples/) are not next to this installation of calllog.",
        hint="Run the demo from a copy of the calllog source folder, or give --samples FOLDER.",
    )


def sample_files(folder: Path) -> list[Path]:
    files = [path for pattern in SAMPLE_PATTERNS for path in sorted(folder.glob(pattern))]
    if not files:
        raise CaseError(f"There are no demo files in {folder}.", hint="Give the samples folder of calllog.")
    return files


def build_demo_case(output: Path, samples: Path | None = None) -> tuple[Case, list[FileResult]]:
    """Create a case in ``output`` and import every sample file into it."""
    files = sample_files(samples or samples_dir())
    case = Case.create(output, [DEMO_OWNER], lang="en", title=DEMO_TITLE)
    return case, import_files(case, files)


def mark_demo_story(case: Case) -> None:
    """Name the person of interest and record the notice, as the story says."""
    name, numbers = DEMO_PERSON
    when, what = DEMO_NOTICE
    with case.store.transaction():
        case.store.save_person(name, numbers, suspect=True)
        case.store.add_notice(to_us(notice_instant(when, case.tz)), when, what)
