"""Reads a PNG with the Python standard library only and prints what it shows.

Prints: width, height, the share of pixels that are not the most common colour, the number of
distinct colours, and for each colour given on the command line (#rrggbb) how many pixels are
within a small distance of it. Used by the map tests to check a Chromium screenshot is a map.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    pixels = []
    for line in rows:
        for x in range(width):
            pixels.append(tuple(line[x * channels:x * channels + 3]))
    return width, height, pixels


def main():
    width, height, pixels = read_png(sys.argv[1])
    counts = {}
    for p in pixels:
        counts[p] = counts.get(p, 0) + 1
    common = max(counts.values())
    print("size %d %d" % (width, height))
    print("nonbackground %.4f" % (1 - common / len(pixels)))
    print("colours %d" % len(counts))
    for hexcolour in sys.argv[2:]:
        target = tuple(int(hexcolour[i:i + 2], 16) for i in (1, 3, 5))
        near = sum(n for p, n in counts.items() if sum(abs(p[k] - target[k]) for k in range(3)) <= 24)
        print("%s %d" % (hexcolour, near))


main()
