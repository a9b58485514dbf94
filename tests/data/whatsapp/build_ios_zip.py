"""Builds ios-attachments-fictional.zip: a fictional iPhone WhatsApp export
"with media", as iOS writes it (``_chat.txt`` with CRLF line ends, U+200E
marks before system and attachment texts, media named NNNNNNNN-KIND-…).

Everything in it is invented. The media are a few placeholder bytes, not
real pictures. One member, ``../outside.txt``, has a name that points out
of the archive: a safe reader must never pick it, whatever it holds.

Run ``python tests/data/whatsapp/build_ios_zip.py`` to rebuild the file;
the tests check that the committed zip holds what this builder writes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

LRM = "\u200e"
FIXED_TIME = (2024, 5, 13, 22, 30, 0)  # zip entry times: fixed, so the file does not change
CHAT_LINES = [
    f"[01/05/2024, 21:10:00] Kevin (fictional): {LRM}Messages and calls are end-to-end encrypted. "
    "No one outside of this chat, not even WhatsApp, can read or listen to them.",
    f"[01/05/2024, 21:14:03] Kevin (fictional): {LRM}<attached: 00000003-PHOTO-2024-05-01-21-14-03.jpg>",
    "[01/05/2024, 21:14:40] Kevin (fictional): Recognise your car?\nI know where you park.",
    "[01/05/2024, 21:20:00] Sofie: Leave me alone.",
    f"{LRM}[02/05/2024, 07:00:12] Kevin (fictional): {LRM}Plan.pdf • {LRM}2 pages {LRM}<attached: 00000004-Plan.pdf>",
    f"[02/05/2024, 07:01:00] Kevin (fictional): {LRM}This message was deleted.",
    f"[02/05/2024, 07:02:30] Kevin (fictional): {LRM}image omitted",
    f"[02/05/2024, 07:05:00] Kevin (fictional): {LRM}You blocked this contact. Tap to unblock.",
    "[13/05/2024, 22:00:00] Kevin (fictional): Why did you block me?",
]
MEMBERS: list[tuple[str, bytes]] = [
    ("_chat.txt", ("\r\n".join(CHAT_LINES) + "\r\n").encode("utf-8")),
    ("00000003-PHOTO-2024-05-01-21-14-03.jpg", b"\xff\xd8\xff\xe0 fictional placeholder, not a picture"),
    ("00000004-Plan.pdf", b"%PDF-1.4 fictional placeholder"),
    ("../outside.txt", b"[01/01/2020, 10:00:00] Nobody: this member must never be read\r\n"),
]


def build(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in MEMBERS:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return path


if __name__ == "__main__":
    print(build(Path(__file__).with_name("ios-attachments-fictional.zip")))
