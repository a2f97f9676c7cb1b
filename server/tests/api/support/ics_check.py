"""Reads a calendar file with two common parsers (icalendar, ics) and prints what a
calendar app would show: one line per parser, "<uid> <start ISO UTC> <end ISO UTC> <summary>".
Exits non-zero when either parser refuses the file."""
import sys
from datetime import timezone

import icalendar
import ics

text = open(sys.argv[1], encoding="utf-8").read()

cal = icalendar.Calendar.from_ical(text)
events = [c for c in cal.walk("VEVENT")]
assert len(events) == 1, f"icalendar: {len(events)} events"
e = events[0]
start = e.decoded("DTSTART").astimezone(timezone.utc)
end = e.decoded("DTEND").astimezone(timezone.utc)
print("icalendar", str(e.get("UID")), start.isoformat(), end.isoformat(), str(e.get("SUMMARY")))

parsed = ics.Calendar(text)
events = list(parsed.events)
assert len(events) == 1, f"ics: {len(events)} events"
e = events[0]
print("ics", e.uid, e.begin.to("utc").isoformat(), e.end.to("utc").isoformat(), e.name)
