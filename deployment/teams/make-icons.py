#!/usr/bin/env python3
"""Draws the Teams app's two icons (standard library only, so anyone can redraw them):

color.png    192x192, full colour: a speech bubble holding three lines of text, on the accent colour.
outline.png  32x32, white on transparent, as Teams requires of the outline icon.

Run from this directory: python3 make-icons.py
"""
import struct
import zlib

ACCENT = (0x1F, 0x4E, 0x79, 255)   # the manifest's accentColor, #1F4E79
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.write(chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)))
        out.write(chunk(b"IDAT", zlib.compress(rows, 9)))
        out.write(chunk(b"IEND", b""))


def bubble(x, y, s):
    """Inside the speech bubble: a rounded box in the upper part, a tail at the lower left."""
    u = s / 32.0
    left, right, top, bottom, r = 5 * u, 27 * u, 6 * u, 22 * u, 3 * u
    cx = min(max(x + 0.5, left + r), right - r)
    cy = min(max(y + 0.5, top + r), bottom - r)
    in_box = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r and left <= x + 0.5 <= right and top <= y + 0.5 <= bottom
    # tail: a triangle below the box from (9,22) to (15,22) down to (8,27)
    px, py = (x + 0.5) / u, (y + 0.5) / u
    in_tail = 22 <= py <= 27 and px >= 8 + (py - 22) * 0.0 and px <= 15 - (py - 22) * (7 / 5.0)
    return in_box or in_tail


def text_line(x, y, s):
    u = s / 32.0
    px, py = (x + 0.5) / u, (y + 0.5) / u
    return any(a <= py <= a + 1.6 for a in (9.5, 13.2, 16.9)) and 9 <= px <= (23 if py < 16 else 18)


def colour(x, y, s):
    if not bubble(x, y, s):
        return ACCENT
    return ACCENT if text_line(x, y, s) else WHITE


def outline(x, y, s):
    if not bubble(x, y, s):
        return CLEAR
    return CLEAR if text_line(x, y, s) else WHITE


png("color.png", 192, colour)
png("outline.png", 32, outline)
