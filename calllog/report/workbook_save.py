"""Saving a workbook so that the same case gives the same bytes.

openpyxl's own save stamps the clock into the document properties and into
every zip entry. Here the document's created and modified dates are the
report date, every entry gets a fixed date and mode and is deflated, in
the order openpyxl writes them, and every CR in an XML part becomes the
character reference ``&#13;`` so that it is read back as a CR (an XML
reader turns a raw CR into LF).

openpyxl writes straight into the final archive (``_ReproducibleZip``):
each part is compressed once, and a big sheet is copied from openpyxl's
temporary file in chunks, never held whole in memory. The archive is
written next to ``path`` and renamed onto it when complete.
"""

from __future__ import annotations

import os
import zipfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook

# zip entries carry this date (the earliest a zip can hold); the document's own
# dates are the report date
ZIP_ENTRY_TIME = (1980, 1, 1, 0, 0, 0)
_ZIP_UNIX = 3
_CHUNK = 1 << 20


def _fixed_entry(name: str, size: int) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=ZIP_ENTRY_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = _ZIP_UNIX
    entry.external_attr = 0o644 << 16
    entry.file_size = size  # lets zipfile choose ZIP64 for a part of 2 GiB or more
    return entry


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _with_cr_references(data: bytes) -> bytes:
    return data.replace(b"\r", b"&#13;")  # 0x0D is never part of a UTF-8 sequence


class _ReproducibleZip(zipfile.ZipFile):
    """The archive openpyxl saves into: every part with a fixed date and
    mode, deflated, and with CRs as character references in XML."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None,
                 compresslevel: Any = None) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else str(zinfo_or_arcname)
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if _is_xml(name):
            raw = _with_cr_references(raw)
        with self.open(_fixed_entry(name, len(raw)), "w") as target:
            target.write(raw)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        name = str(arcname if arcname is not None else filename)
        xml = _is_xml(name)
        with open(filename, "rb") as source, self.open(_fixed_entry(name, os.path.getsize(filename)), "w") as target:
            while chunk := source.read(_CHUNK):
                target.write(_with_cr_references(chunk) if xml else chunk)


def save_reproducibly(workbook: "Workbook", path: Path, made: datetime) -> Path:
    """Save ``workbook`` to ``path`` without "now" anywhere; ``made`` is
    the document's created and modified date."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.creator = "calllog"
    workbook.properties.lastModifiedBy = "calllog"
    workbook.properties.created = made
    workbook.properties.modified = made
    partial = path.with_name(path.name + ".partial")
    try:
        with _ReproducibleZip(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(workbook, archive).save()
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path
