#!/usr/bin/env python3
"""Draws the web page's app icons (wwwroot/icon-192.png, icon-512.png) from the same shapes as wwwroot/icon.svg.

Plain Python (zlib), so no image library is needed: run `python3 tools/page-icons.py` after changing the design and
commit the PNG files. The PNGs are full-bleed squares, so they also serve as "maskable" icons (the bell stays
inside the central safe zone).
"""
import math, struct, zlib, pathlib

NAVY, WHITE, RED = (0x1B, 0x2A, 0x3A), (0xFF, 0xFF, 0xFF), (0xE5, 0x48, 0x3D)
OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "Frikommune.Edge" / "wwwroot"


def colour(x, y):
    """The design in a 512 × 512 box, as in icon.svg."""
    dot = math.hypot(x - 370, y - 150)
    if dot <= 48: return RED
    if dot <= 56: return NAVY
    body = (146 <= x <= 366 and 230 <= y <= 330) or (y <= 230 and math.hypot(x - 256, y - 230) <= 110)
    brim = 116 <= x <= 396 and 330 <= y <= 360
    clapper = math.hypot(x - 256, y - 385) <= 32
    return WHITE if body or brim or clapper else NAVY


def png(size, samples=4):
    scale, rows = 512 / size, bytearray()
    for py in range(size):
        rows.append(0)
        for px in range(size):
            total = [0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = colour((px + (sx + .5) / samples) * scale, (py + (sy + .5) / samples) * scale)
                    total = [t + v for t, v in zip(total, c)]
            rows.extend(round(t / samples ** 2) for t in total)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


for size in (192, 512):
    (OUT / f"icon-{size}.png").write_bytes(png(size))
