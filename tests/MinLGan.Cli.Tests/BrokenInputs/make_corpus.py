#!/usr/bin/python3
"""Writes the broken-input corpus beside this script (files/), from scratch, deterministically.

    /usr/bin/python3 tests/MinLGan.Cli.Tests/BrokenInputs/make_corpus.py

cases.json (written by hand) says how each file is run and what must happen; BrokenInputTests.cs runs every case.
Model files are not here: the test trains one and damages it (they depend on this build's format).
"""
import gzip
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")
shutil.rmtree(OUT, ignore_errors=True)


def put(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def table(rows_ok=40, rows_bad=12, label="kind"):
    """A small two-feature table: normal rows near (0, 0), anomalies near (5, 5)."""
    lines = [f"x,y,{label}"]
    for i in range(rows_ok):
        lines.append(f"{(i % 7) * 0.1:.1f},{(i % 5) * 0.1:.1f},ok")
    for i in range(rows_bad):
        lines.append(f"{5 + (i % 3) * 0.1:.1f},{5 + (i % 4) * 0.1:.1f},bad")
    return lines


def csv(rel, lines, newline="\n"):
    put(rel, newline.join(lines) + newline)


good = table()
csv("csv/good.csv", good)
put("csv/empty.csv", "")
csv("csv/header-only.csv", good[:1])
csv("csv/ragged.csv", good[:10] + ["0.3,ok"] + good[10:])                   # line 11 has 2 fields
csv("csv/text-in-number.csv", good[:5] + ["0.1,abc,ok"] + good[5:])          # line 6
csv("csv/nan.csv", good[:7] + ["NaN,0.2,ok"] + good[7:])                    # line 8
csv("csv/inf.csv", good[:3] + ["0.1,inf,ok"] + good[3:])                    # line 4
csv("csv/minus-infinity.csv", good[:3] + ["-Infinity,0.1,bad"] + good[3:])  # line 4
csv("csv/empty-field.csv", good[:9] + ["0.1,,ok"] + good[9:])               # line 10
csv("csv/duplicate-label-column.csv", ["x,kind,kind"] + [r.rsplit(",", 1)[0].split(",")[0] + "," + r.rsplit(",", 1)[1] + "," + r.rsplit(",", 1)[1] for r in good[1:]])
csv("csv/duplicate-feature-name.csv", ["x,x,kind"] + good[1:])
csv("csv/missing-label-column.csv", ["x,y,class"] + good[1:])
csv("csv/no-normal-rows.csv", [good[0]] + [r for r in good[1:] if r.endswith(",bad")])
csv("csv/no-anomalies.csv", [r for r in good if not r.endswith(",bad")])
csv("csv/one-anomaly.csv", [r for r in good if not r.endswith(",bad")] + ["5.0,5.0,bad"])
csv("csv/no-feature-columns.csv", ["kind"] + [r.rsplit(",", 1)[1] for r in good[1:]])
csv("csv/extra-field.csv", good[:12] + ["0.1,0.2,ok,7"] + good[12:])          # line 13 has 4 fields
csv("csv/unclosed-quote.csv", good[:4] + ['"0.1,0.2,ok'] + good[4:])         # line 5
# Unusual but well-formed: must work. A BOM, CRLF line ends, quoted fields (one holding a comma in the label).
bom = ["x,y,\"kind\""] + [",".join(f'"{v}"' for v in r.split(",")) for r in good[1:]]
bom = [bom[0]] + [r.replace('"bad"', '"bad, very"') for r in bom[1:]]
put("csv/bom-crlf-quoted.csv", "\ufeff" + "\r\n".join(bom) + "\r\n")
csv("csv/no-final-newline.csv", good, newline="\n")
put("csv/no-final-newline.csv", "\n".join(good))
put("csv/blank-lines-at-end.csv", "\n".join(good) + "\n\n\n")

# gzip: cut short, and plain text under a .gz name.
whole = gzip.compress(("\n".join(good) + "\n").encode(), mtime=0)
put("gzip/truncated.csv.gz", whole[: len(whole) // 2])
put("gzip/not-gzip.csv.gz", "\n".join(good) + "\n")
put("gzip/good.csv.gz", whole)


# CIFAR-10 binary batch folders are not files here: BrokenInputTests writes them into the case's copy at run time
# (two synthetic records per batch file, one file damaged), as cases.json's "make" says.

# Image folders (PNG written here without a library: 8-bit grey, no filter, stored zlib).
import zlib


def png(width, height, shade):
    raw = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def images(folder, good_n=6, bad_n=4, size=8, extra=None):
    for i in range(good_n):
        put(f"{folder}/good/g{i}.png", png(size, size, 30 + i))
    for i in range(bad_n):
        put(f"{folder}/defect/d{i}.png", png(size, size, 220 - i))
    for rel, data in (extra or {}).items():
        put(f"{folder}/{rel}", data)


images("images-corrupt-file", extra={"good/broken.png": png(8, 8, 50)[:40]})
images("images-mixed-sizes", extra={"defect/big.png": png(12, 12, 200)})
images("images-empty-class", extra={})
os.makedirs(os.path.join(OUT, "images-empty-class", "scratch"), exist_ok=True)
put("images-empty-class/scratch/.keep", "")   # git keeps no empty folder: a hidden file, which is not an image
images("images-not-an-image", extra={"defect/notes.png": "this is text, not a PNG\n"})
os.makedirs(os.path.join(OUT, "images-no-classes"), exist_ok=True)
put("images-no-classes/readme.txt", "no class folders here\n")

# Shuttle with a bad token (case shuttle-bad-token): the test cuts it from the real data (MINLGAN_DATA), not kept here.
print("wrote", sum(len(f) for _, _, f in os.walk(OUT)), "files under", OUT)
