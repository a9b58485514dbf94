"""The list of importers and the one dispatcher that picks the importer of
a file. Exactly one importer must claim a file: none, or two, is an error
that names the candidates, never a coin toss."""

from __future__ import annotations

from pathlib import Path

from calllog.errors import FormatError
from calllog.importers.base import HEAD_BYTES, Importer
from calllog.importers.android_calls import AndroidCallLogImporter
from calllog.importers.android_messages import AndroidMessagesImporter
from calllog.importers.email_messages import EmailImporter
from calllog.importers.imazing import ImazingCallsImporter, ImazingMessagesImporter
from calllog.importers.ios_addressbook import IosAddressBookImporter
from calllog.importers.ios_calls import IosCallHistoryImporter
from calllog.importers.ios_messages import IosMessagesImporter
from calllog.importers.sbr import SbrCallsImporter, SbrMessagesImporter
from calllog.importers.table import TableImporter
from calllog.importers.vcard import VCardImporter
from calllog.importers.whatsapp import WhatsAppImporter

IMPORTERS: tuple[Importer, ...] = (
    SbrCallsImporter(),
    SbrMessagesImporter(),
    AndroidCallLogImporter(),
    AndroidMessagesImporter(),
    IosCallHistoryImporter(),
    IosMessagesImporter(),
    IosAddressBookImporter(),
    ImazingCallsImporter(),
    ImazingMessagesImporter(),
    WhatsAppImporter(),
    VCardImporter(),
    EmailImporter(),
    TableImporter(),
)


def importer_named(name: str) -> Importer:
    for importer in IMPORTERS:
        if importer.name == name:
            return importer
    known = ", ".join(i.name for i in IMPORTERS)
    raise FormatError(f"There is no format called '{name}'.", hint=f"Known formats: {known}.")


def read_head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(HEAD_BYTES)


def identify(path: Path) -> Importer:
    """The one importer that claims ``path``."""
    head = read_head(path)
    claims = [imp for imp in IMPORTERS if imp.identify(path, head)]
    specific = [imp for imp in claims if not imp.generic]
    if specific:
        claims = specific
    if len(claims) == 1:
        return claims[0]
    if not claims:
        raise FormatError(
            f"{path.name} is not in a format calllog can read.",
            hint="Run 'calllog formats' to see what it reads, or give --format NAME "
            "(and --mapping FILE for a table).",
        )
    names = ", ".join(imp.name for imp in claims)
    raise FormatError(
        f"{path.name} looks like more than one format ({names}).",
        hint="Say which one with --format NAME.",
    )
