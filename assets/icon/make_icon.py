#!/usr/bin/env python3
"""Draws the Tiến Độ icon and writes it as PNG and ICO (standard library only).

The mark: a deep-red rounded square, three rising yellow progress bars and a
white check mark above them. Small sizes (24 px and below) keep only the check
mark, drawn thicker, so it stays readable in a file list.

Every shape is a signed distance function in unit coordinates (0..1, y down);
a pixel's coverage is 4x4 supersampled, so edges are smooth at every size.

    python3 assets/icon/make_icon.py        # rewrites the files beside this script

Outputs (committed, so a build needs no Python):
    tiendo.ico       16, 20, 24, 32, 40, 48, 64 px as 32-bit DIBs, 256 px as PNG
    tiendo-256.png   for the installer page, README, a window icon
    tiendo-16.png … tiendo-48.png previews of the small sizes
"""

import math
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

# Colours (sRGB).
RED_TOP = (0xD3, 0x2F, 0x2F)
RED_BOTTOM = (0x9A, 0x12, 0x12)
YELLOW = (0xFF, 0xCD, 0x3C)
WHITE = (0xFF, 0xFF, 0xFF)
SHADOW = (0x5A, 0x08, 0x08)

ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 256]
SAMPLES = 4  # supersampling per axis


# --- shapes (signed distances in unit coordinates; negative = inside) -------

def rounded_rect(x, y, x0, y0, x1, y1, r):
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    hx, hy = (x1 - x0) / 2 - r, (y1 - y0) / 2 - r
    qx, qy = abs(x - cx) - hx, abs(y - cy) - hy
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    inside = min(max(qx, qy), 0.0)
    return outside + inside - r


def segment(x, y, ax, ay, bx, by, half_width):
    px, py = x - ax, y - ay
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, (px * dx + py * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - t * dx, py - t * dy) - half_width


def polyline(x, y, points, half_width):
    return min(
        segment(x, y, *points[i], *points[i + 1], half_width) for i in range(len(points) - 1)
    )


# --- the mark ----------------------------------------------------------------

def layers(size):
    """The icon as a list of (distance function, colour function), bottom first."""
    small = size <= 24
    margin = 0.02 if small else 0.035
    radius = 0.16 if small else 0.2

    def background(x, y):
        return rounded_rect(x, y, margin, margin, 1 - margin, 1 - margin, radius)

    def background_colour(x, y):
        t = min(1.0, max(0.0, (y - margin) / (1 - 2 * margin)))
        return tuple(round(a + (b - a) * t) for a, b in zip(RED_TOP, RED_BOTTOM))

    out = [(background, background_colour)]
    if small:
        check = [(0.20, 0.52), (0.41, 0.73), (0.81, 0.28)]
        out.append((lambda x, y: polyline(x, y, check, 0.095), lambda x, y: WHITE))
        return out

    baseline, width = 0.82, 0.15
    bars = [(0.19, 0.14), (0.425, 0.23), (0.66, 0.33)]  # (left, height): rising progress
    for left, height in bars:
        out.append((
            lambda x, y, l=left, h=height: rounded_rect(x, y, l, baseline - h, l + width, baseline, 0.025),
            lambda x, y: YELLOW,
        ))
    check = [(0.21, 0.37), (0.38, 0.53), (0.78, 0.15)]
    # A soft dark outline separates the check from the bars and the background.
    out.append((lambda x, y: polyline(x, y, check, 0.085), lambda x, y: SHADOW))
    out.append((lambda x, y: polyline(x, y, check, 0.06), lambda x, y: WHITE))
    return out


def render(size):
    """RGBA rows (top first) of the icon at `size` x `size` pixels."""
    shapes = layers(size)
    offsets = [(i + 0.5) / SAMPLES for i in range(SAMPLES)]
    n = SAMPLES * SAMPLES
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            acc_r = acc_g = acc_b = acc_a = 0.0
            for oy in offsets:
                for ox in offsets:
                    x, y = (px + ox) / size, (py + oy) / size
                    r = g = b = a = 0.0
                    for dist, colour in shapes:
                        if dist(x, y) <= 0:
                            # Hard coverage per sample; the supersampling antialiases.
                            cr, cg, cb = colour(x, y)
                            r, g, b, a = cr, cg, cb, 1.0
                    acc_r += r * a
                    acc_g += g * a
                    acc_b += b * a
                    acc_a += a
            alpha = acc_a / n
            if acc_a > 0:
                row += bytes((round(acc_r / acc_a), round(acc_g / acc_a), round(acc_b / acc_a), round(alpha * 255)))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))
    return rows


# --- file formats ------------------------------------------------------------

def png_bytes(rows, size):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + r for r in rows)  # filter type 0 on every row
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def dib_bytes(rows, size):
    """A 32-bit icon image: BITMAPINFOHEADER, BGRA rows bottom-up, then the AND mask."""
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = bytearray()
    for r in reversed(rows):
        for i in range(0, len(r), 4):
            red, green, blue, alpha = r[i:i + 4]
            pixels += bytes((blue, green, red, alpha))
    mask_stride = ((size + 31) // 32) * 4
    mask = bytearray()
    for r in reversed(rows):
        line = bytearray(mask_stride)
        for x in range(size):
            if r[x * 4 + 3] == 0:  # fully transparent: set the mask bit
                line[x // 8] |= 0x80 >> (x % 8)
        mask += line
    return header + bytes(pixels) + bytes(mask)


def ico_bytes(images):
    """images: list of (size, bytes); each entry is a DIB or a PNG."""
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    body = b""
    for size, data in images:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(body))
        body += data
    return out + body


def main():
    images = []
    for size in ICO_SIZES:
        rows = render(size)
        if size >= 256:
            png = png_bytes(rows, size)
            images.append((size, png))
            with open(os.path.join(HERE, "tiendo-256.png"), "wb") as f:
                f.write(png)
        else:
            images.append((size, dib_bytes(rows, size)))
            if size in (16, 32, 48):
                with open(os.path.join(HERE, f"tiendo-{size}.png"), "wb") as f:
                    f.write(png_bytes(rows, size))
    with open(os.path.join(HERE, "tiendo.ico"), "wb") as f:
        f.write(ico_bytes(images))
    print("wrote tiendo.ico (%s px), tiendo-256.png, tiendo-16/32/48.png" % ", ".join(map(str, ICO_SIZES)))


if __name__ == "__main__":
    main()
