#!/usr/bin/env bash
# Regenerate the seeds of the `barcode_scan` target (run from the repository root after
# `cargo build`): QR codes of BarcodeElements as PNG files (read by scan_image) and as raw
# greyscale images in the target's own format (first byte: width - 16; then the pixels).
set -euo pipefail
Q=target/debug/qoltanba
out=fuzz/corpus/barcode_scan
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
head -c 300 test-vectors/pki/root.cer >"$tmp/doc"
$Q barcode encode "$tmp/doc" --favor-id KZ-1 --creation-date 2026-11-22T15:30:00+06:00 \
    --chunk-size 120 --png --module-size 1 --ec-level l -o "$tmp/m1" >/dev/null
$Q barcode encode "$tmp/doc" --favor-id KZ-1 --creation-date 2026-11-22T15:30:00+06:00 \
    --chunk-size 60 --png --module-size 2 --ec-level h -o "$tmp/m2" >/dev/null
cp "$tmp/m1/01.png" "$out/element_module1.png"
python3 - "$tmp/m1/01.png" "$out/raw_module1.bin" "$tmp/m2/01.png" "$out/raw_module2.bin" <<'PY'
import struct, sys, zlib

def grey_pixels(path):
    """Pixels of an 8-bit greyscale, non-interlaced PNG (what `barcode encode --png` writes)."""
    data = open(path, 'rb').read()
    pos, idat, w, h = 8, b'', 0, 0
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', body)
            assert (depth, colour, interlace) == (8, 0, 0), 'not 8-bit grey'
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw, rows, prev = zlib.decompress(idat), [], bytes(w)
    for y in range(h):
        f, line = raw[y * (w + 1)], bytearray(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
        for x in range(w):
            a = line[x - 1] if x else 0
            b, c = prev[x], (prev[x - 1] if x else 0)
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = bytes(line)
    return w, rows

for src, dst in zip(sys.argv[1::2], sys.argv[2::2]):
    w, rows = grey_pixels(src)
    assert 16 <= w <= 16 + 255, w
    open(dst, 'wb').write(bytes([w - 16]) + b''.join(rows))
PY
chmod 644 "$out"/*
ls -l "$out"
