"""The analysis: figures and indicators per number and per person, as the
``calllog.findings/1`` document. Pure functions over a DataFrame of events:
no files, no SQL, no terminal (the store and the CLI call in)."""

from calllog.analysis.conclusion import conclusion_text
from calllog.analysis.findings import FINDINGS_SCHEMA, analyse, cycle_collection_paused, findings_in_parts, findings_json
from calllog.analysis.inputs import AnalysisInput, Notice, Person
from calllog.analysis.notices import notice_instant
from calllog.analysis.settings import DEFAULT_ANALYSIS_SETTINGS, validate_setting
from calllog.analysis.threats import threat_matches

__all__ = [
    "AnalysisInput",
    "DEFAULT_ANALYSIS_SETTINGS",
    "FINDINGS_SCHEMA",
    "Notice",
    "Person",
    "analyse",
    "conclusion_text",
    "cycle_collection_paused",
    "findings_in_parts",
    "findings_json",
    "notice_instant",
    "threat_matches",
    "validate_setting",
]
