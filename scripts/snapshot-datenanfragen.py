#!/usr/bin/env python3
"""Derives the datarequests.org snapshot RightsDesk ships (CC0-1.0,
Datenanfragen.de e. V.): every company, supervisory-authority and obsolete
record of a checkout of the database, minified into one JSON dump in the
format `rightsdesk import datenanfragen` reads, zlib-compressed.

    scripts/snapshot-datenanfragen.py ../shared/data/datenanfragen 0a29c3d6 2026-07-21

Writes crates/import/data/datenanfragen.json.z and its .version file.
"""
import json, pathlib, sys, zlib

src, commit, date = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
out = pathlib.Path(__file__).resolve().parent.parent / "crates/import/data"
out.mkdir(parents=True, exist_ok=True)

def folder(name):
    records = []
    for f in sorted((src / name).glob("*.json")):
        records.append(json.loads(f.read_text(encoding="utf-8")))
    return records

dump = {
    "companies": folder("companies"),
    "supervisory-authorities": folder("supervisory-authorities"),
    "obsolete-records": folder("obsolete-records"),
}
raw = json.dumps(dump, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
packed = zlib.compress(raw, 9)
(out / "datenanfragen.json.z").write_bytes(packed)
(out / "datenanfragen.version").write_text(f"{commit} {date}\n", encoding="utf-8")
print(f"{len(dump['companies'])} companies, {len(dump['supervisory-authorities'])} authorities, "
      f"{len(dump['obsolete-records'])} obsolete records: {len(raw)} bytes, {len(packed)} compressed")
