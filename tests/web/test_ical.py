"""The iCalendar writer (RFC 5545): escaping, folding at 75 octets, UTC times, bad input."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from indsats.web.core.ical import Begivenhed, escape_text, fold, kalender

CPH = ZoneInfo("Europe/Copenhagen")


def test_text_is_escaped():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert escape_text("x\r\ny") == "x\\ny"


def test_long_lines_are_folded_at_75_octets_never_inside_a_character():
    line = "DESCRIPTION:" + "æøå" * 60
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line
    for p in parts:
        p.encode("utf-8").decode("utf-8")  # each chunk is whole characters
    assert fold("SHORT:x") == "SHORT:x"


def test_a_calendar_has_utc_times_and_every_required_property():
    start = datetime(2026, 3, 29, 1, 30, tzinfo=CPH)  # the night summer time begins
    text = kalender(
        [
            Begivenhed(
                uid="samtale-7@indsats",
                start=start,
                slut=start + timedelta(minutes=45),
                titel="Jobsamtale: Sara L.",
                sted="Kirkegade 16, 6800 Varde",
                beskrivelse="Linje 1\nLinje 2",
                sequence=3,
            )
        ],
        navn="Mine samtaler",
        stempel=datetime(2026, 3, 1, 12, tzinfo=UTC),
    )
    lines = text.split("\r\n")
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//indsats//indsats kalender//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert "DTSTART:20260329T003000Z" in lines
    assert "DTEND:20260329T011500Z" in lines
    assert "DTSTAMP:20260301T120000Z" in lines
    assert "UID:samtale-7@indsats" in lines and "SEQUENCE:3" in lines
    assert "LOCATION:Kirkegade 16\\, 6800 Varde" in lines
    assert "DESCRIPTION:Linje 1\\nLinje 2" in lines
    assert "STATUS:CONFIRMED" in lines
    assert text.endswith("END:VCALENDAR\r\n")


def test_a_cancelled_event_says_so():
    start = datetime(2026, 5, 1, 9, tzinfo=UTC)
    text = kalender([Begivenhed("x@indsats", start, start + timedelta(hours=1), "T", aflyst=True)])
    assert "STATUS:CANCELLED" in text


def test_bad_times_are_refused():
    start = datetime(2026, 5, 1, 9)
    with pytest.raises(ValueError, match="timezone-aware"):
        kalender([Begivenhed("x", start, start + timedelta(hours=1), "T")])
    aware = start.replace(tzinfo=UTC)
    with pytest.raises(ValueError, match="event y: the end must lie after the start"):
        kalender([Begivenhed("y", aware, aware, "T")])
