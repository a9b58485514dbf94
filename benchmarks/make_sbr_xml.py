"""Write a large, fictional SMS Backup & Restore messages backup (XML).

``<smses>`` with ``<sms>`` elements and, one message in ten, an ``<mms>``
whose ``<parts>`` hold a ``text/plain`` part and a picture as base64
``data`` (random bytes, 30-60 KB each before encoding: the size of a phone
photo after MMS compression), the way SMS Backup & Restore writes them.
Numbers are 2,000 fictional Belgian mobiles; texts are made up.

Usage: python benchmarks/make_sbr_xml.py --mb 1000 OUT.xml
"""

from __future__ import annotations

import argparse
import base64
import random
from pathlib import Path
from xml.sax.saxutils import quoteattr

START_MS = 1_735_686_000_000  # 2025-01-01 00:00 Brussels time
TEXTS = ("Waarom antwoord je niet?", "Ik sta voor je deur.", "Bel me terug!", "Tu ne réponds jamais.",
         "Ik weet waar je werkt.", "Oké, tot morgen", "Je vais t'attendre ce soir.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=1000, help="approximate size in MB (10^6 bytes)")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rng = random.Random(5)
    numbers = [f"+3247{rng.randint(0, 9_999_999):07d}" for _ in range(2_000)]
    pictures = [base64.b64encode(rng.randbytes(rng.randint(30_000, 60_000))).decode("ascii") for _ in range(50)]
    target = args.mb * 1_000_000
    written = 0
    instant = START_MS
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
                  "<!--File Created By SMS Backup & Restore (fictional benchmark data)-->\n<smses count=\"0\">\n")
        index = 0
        while written < target:
            index += 1
            instant += rng.randint(5_000, 600_000)
            number = rng.choice(numbers)
            box = rng.choice((1, 1, 1, 2))
            text = quoteattr(f"{rng.choice(TEXTS)} ({index})")
            if index % 10:
                element = (f'  <sms protocol="0" address="{number}" date="{instant}" type="{box}" subject="null" '
                           f'body={text} toa="null" sc_toa="null" service_center="null" read="1" status="-1" '
                           f'locked="0" date_sent="{instant}" readable_date="" contact_name="(Unknown)" />\n')
            else:
                sender = number if box == 1 else "+32470000001"
                element = (f'  <mms date="{instant}" msg_box="{box}" sub="null" ct_t="application/vnd.wap.'
                           f'multipart.related" read="1" m_type="{132 if box == 1 else 128}">\n'
                           f'    <parts>\n'
                           f'      <part seq="-1" ct="application/smil" name="null" chset="null" cd="null" '
                           f'fn="null" cid="&lt;smil&gt;" cl="smil.xml" ctt_s="null" ctt_t="null" '
                           f'text="&lt;smil&gt;&lt;/smil&gt;" />\n'
                           f'      <part seq="0" ct="image/jpeg" name="IMG_{index}.jpg" chset="null" cd="null" '
                           f'fn="null" cid="&lt;IMG_{index}&gt;" cl="IMG_{index}.jpg" ctt_s="null" ctt_t="null" '
                           f'text="null" data="{rng.choice(pictures)}" />\n'
                           f'      <part seq="1" ct="text/plain" name="null" chset="106" cd="null" fn="null" '
                           f'cid="&lt;text&gt;" cl="text.txt" ctt_s="null" ctt_t="null" text={text} />\n'
                           f'    </parts>\n    <addrs>\n'
                           f'      <addr address="{sender}" type="137" charset="106" />\n'
                           f'      <addr address="{number if box == 2 else "+32470000001"}" type="151" '
                           f'charset="106" />\n    </addrs>\n  </mms>\n')
            out.write(element)
            written += len(element)
        out.write("</smses>\n")


if __name__ == "__main__":
    main()
