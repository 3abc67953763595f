#!/usr/bin/env python3
"""Draws the app icons (ours: a page with two lines on a blue tile) as PNGs with only the standard library.
Run once; the PNGs are committed under public/icons/."""
import struct, zlib, os

BLUE = (11, 92, 173, 255)
PAPER = (253, 252, 249, 255)
CLEAR = (0, 0, 0, 0)

def png(path, size, pixel):
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            row += bytes(pixel(x + 0.5, y + 0.5, size))
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)

def in_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def glyph(u, v):
    """The mark in a unit square: a page (folded corner cut) with two lines. None = background."""
    if in_round_rect(u, v, 0.25, 0.28, 0.75, 0.72, 0.06):
        if in_round_rect(u, v, 0.34, 0.42, 0.66, 0.48, 0.03) or in_round_rect(u, v, 0.34, 0.54, 0.58, 0.60, 0.03):
            return BLUE
        return PAPER
    return None

def icon(x, y, s):
    u, v = x / s, y / s
    if not in_round_rect(u, v, 0.0, 0.0, 1.0, 1.0, 0.22):
        return CLEAR
    return glyph(u, v) or BLUE

def maskable(x, y, s):
    # Full bleed; the mark stays inside the central 80 % safe zone.
    u, v = x / s, y / s
    g = glyph(0.5 + (u - 0.5) * 1.25, 0.5 + (v - 0.5) * 1.25)
    return g or BLUE

out = os.path.join(os.path.dirname(__file__), "..", "public", "icons")
os.makedirs(out, exist_ok=True)
png(os.path.join(out, "icon-192.png"), 192, icon)
png(os.path.join(out, "icon-512.png"), 512, icon)
png(os.path.join(out, "maskable-512.png"), 512, maskable)
png(os.path.join(out, "apple-touch-icon.png"), 180, maskable)
