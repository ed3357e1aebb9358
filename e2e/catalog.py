"""Reads Supple's Spanish catalog (Sources/SuppleContent/Resources/translations/es.po), so browser
tests can look for the Spanish a page should show instead of copying it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

PO_FILE = Path(__file__).resolve().parent.parent / "Sources/SuppleContent/Resources/translations/es.po"


def _unquote(text: str) -> str:
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


@lru_cache(maxsize=1)
def spanish_table() -> dict[str, str]:
    table, msgid, msgstr, field = {}, None, None, None
    for line in PO_FILE.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if line.startswith("msgid "):
            if msgid and msgstr is not None:
                table[" ".join(msgid.split())] = msgstr
            msgid, msgstr, field = _unquote(line[7:-1]), None, "id"
        elif line.startswith("msgstr "):
            msgstr, field = _unquote(line[8:-1]), "str"
        elif line.startswith('"') and field:
            if field == "id":
                msgid += _unquote(line[1:-1])
            else:
                msgstr += _unquote(line[1:-1])
    if msgid and msgstr is not None:
        table[" ".join(msgid.split())] = msgstr
    return table


def es(english: str) -> str:
    """The Spanish for an English text; fails the test if the catalog has none."""
    key = " ".join(english.split())
    assert key in spanish_table(), f"es.po has no Spanish for {english!r}"
    return spanish_table()[key]
