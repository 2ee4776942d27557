#!/usr/bin/python3
"""Reference for CsvReader's field splitting: Python's csv module (default dialect, RFC 4180 quoting) on lines that
both read the same way. Where they differ by design (blanks before an opening quote: Python keeps the quote as text,
CsvReader drops the blanks and reads the quoted field), no line is included.

    /usr/bin/python3 tests/MinLGan.Core.Tests/Fixtures/make_csv_fixtures.py

Writes csv_fixtures.json beside this script: label fields as written in a file "x,kind", and the label Python reads.
"""
import csv
import io
import json
import os
import sys

fields = [
    'ok',
    '"ok"',
    '"bad, very"',
    '"say ""hi"""',
    '""',
    '"a,b,c"',
    '"comma, and ""quote"""',
    'plain text with spaces',
    '"\ttab inside"',
    'caf\u00e9',
    '"\u00e9t\u00e9, hiver"',
    'x"y',
]
lines = [f"{i}.5,{f}" for i, f in enumerate(fields)]
parsed = list(csv.reader(io.StringIO("\n".join(lines) + "\n")))
assert all(len(p) == 2 for p in parsed), parsed
out = {"python": sys.version.split()[0], "lines": lines, "labels": [p[1] for p in parsed], "values": [float(p[0]) for p in parsed]}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "csv_fixtures.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
print("wrote csv_fixtures.json:", len(lines), "lines")
