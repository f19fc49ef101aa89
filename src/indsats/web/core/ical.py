"""A small iCalendar (RFC 5545) writer: the few properties a calendar of samtaler needs.

Times are written in UTC (`…Z`), so no VTIMEZONE block is needed and every calendar program
shows them in its own zone. Text is escaped (RFC 5545 § 3.3.11), lines end in CRLF and are
folded at 75 octets without splitting a UTF-8 character (§ 3.1).
No Django here: the web apps build `Begivenhed` rows and call `kalender`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

PRODID = "-//indsats//indsats kalender//DA"


@dataclass(frozen=True)
class Begivenhed:
    """One VEVENT. `uid` must be stable across exports of the same samtale, so that a calendar
    program updates the event instead of adding a copy; `sequence` grows with each change."""

    uid: str
    start: datetime
    slut: datetime
    titel: str
    sted: str = ""
    beskrivelse: str = ""
    url: str = ""
    aflyst: bool = False
    sequence: int = 0


def escape_text(value: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, continuation lines starting with
    one space; never inside a multi-byte UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        n = len(char.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += n
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def kalender(
    begivenheder: Iterable[Begivenhed], *, navn: str = "", stempel: datetime | None = None
) -> str:
    """A whole VCALENDAR (METHOD:PUBLISH) as text with CRLF line endings."""
    stamp = _utc(stempel or datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if navn:
        lines.append(f"X-WR-CALNAME:{escape_text(navn)}")
    for b in begivenheder:
        if b.slut <= b.start:
            raise ValueError(f"event {b.uid}: the end must lie after the start")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(b.uid)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(b.start)}",
            f"DTEND:{_utc(b.slut)}",
            f"SEQUENCE:{b.sequence}",
            f"STATUS:{'CANCELLED' if b.aflyst else 'CONFIRMED'}",
            f"SUMMARY:{escape_text(b.titel)}",
        ]
        if b.sted:
            lines.append(f"LOCATION:{escape_text(b.sted)}")
        if b.beskrivelse:
            lines.append(f"DESCRIPTION:{escape_text(b.beskrivelse)}")
        if b.url:
            lines.append(f"URL:{b.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
