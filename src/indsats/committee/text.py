"""Text for the committee is written for the committee: a check of rendered HTML.

A committee paper is read by politicians and published. It must not show the product's insides:
rule or indicator ids (``lab_31_foerste_samtale``), file names (``docs/companies.md``), English
status words ("VERIFIED", "category 3 removed from 2025-01-01"), internal names of source
documents (an internal number), and "<5" belongs to person counts only, never to a percentage.
`tekstproblemer(html)` lists what it finds in the visible text (not in tags, attributes, styles
or scripts), each with a snippet, so a test or the publishing step can say what to rewrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Words that are English and not Danish. ("status", "data", "rapport" are Danish too.)
_ENGLISH = frozenset(
    {
        "verified",
        "unverified",
        "secondary",
        "assumed",
        "category",
        "removed",
        "from",
        "until",
        "rule",
        "rules",
        "source",
        "week",
        "weeks",
        "month",
        "none",
        "null",
        "true",
        "false",
        "todo",
        "fixme",
        "the",
        "and",
        "of",
        "not",
        "with",
        "missing",
        "error",
        "warning",
        "unknown",
        "break-even",
        "n/a",
    }
)
_WORD = re.compile(r"[A-Za-zÆØÅæøå/-]+")
_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_FILE = re.compile(r"\b[\w./-]+\.(?:md|csv|yaml|yml|py|json|parquet|txt|toml|sqlite3)\b")
_INTERNAL_SOURCE = re.compile(r"\bseed\s*\[?\d{3}\]?|\bSeed\s*\[|\[\d{3}\]", re.IGNORECASE)
_SUPPRESSED_SHARE = re.compile(r"<\s*5\s*(?:%|pct|procent)")


@dataclass(frozen=True, slots=True)
class Tekstproblem:
    art: str  # "id", "filnavn", "engelsk", "intern kilde", "<5 på en andel"
    tekst: str  # the offending text
    sammenhaeng: str  # a snippet around it

    def __str__(self) -> str:
        return f"{self.art}: {self.tekst!r} i »{self.sammenhaeng}«"


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def _snippet(text: str, start: int, end: int) -> str:
    return text[max(0, start - 40) : end + 40].strip()


def tekstproblemer(html: str) -> list[Tekstproblem]:
    """What in the visible text of `html` is not written for a committee (module text)."""
    text = visible_text(html)
    found: list[Tekstproblem] = []
    for m in _IDENTIFIER.finditer(text):
        found.append(Tekstproblem("id", m.group(), _snippet(text, m.start(), m.end())))
    for m in _FILE.finditer(text):
        if re.fullmatch(r"[\d.]+", m.group()):
            continue
        found.append(Tekstproblem("filnavn", m.group(), _snippet(text, m.start(), m.end())))
    for m in _INTERNAL_SOURCE.finditer(text):
        found.append(Tekstproblem("intern kilde", m.group(), _snippet(text, m.start(), m.end())))
    for m in _SUPPRESSED_SHARE.finditer(text):
        found.append(Tekstproblem("<5 på en andel", m.group(), _snippet(text, m.start(), m.end())))
    for m in _WORD.finditer(text):
        if m.group().lower() in _ENGLISH:
            found.append(Tekstproblem("engelsk", m.group(), _snippet(text, m.start(), m.end())))
    return found
