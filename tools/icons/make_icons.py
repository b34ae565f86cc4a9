"""Draws leadkit's PNG app icons (public/icon-192.png, icon-512.png, icon-maskable-512.png)
from the shape in public/icon.svg: a blue rounded square with a white "L". Plain Python
(zlib only), so it runs anywhere; run it again after changing the logo:
`python3 tools/icons/make_icons.py`. The PNGs are committed; the build does not run it.
"""

import struct
import zlib
from pathlib import Path

BLUE = (0x1D, 0x4E, 0xD8, 0xFF)
WHITE = (0xFF, 0xFF, 0xFF, 0xFF)
CLEAR = (0, 0, 0, 0)
# The "L" in icon.svg's 64-unit box: M18 16h8v24h20v8H18z.
L_RECTS = [(18, 16, 26, 48), (18, 40, 46, 48)]
SAMPLES = 4  # per axis, for anti-aliased edges


def colour_at(x, y, rounded, scale):
    """The colour at (x, y) in the 64-unit box; `scale` shrinks the logo around the centre
    (maskable icons keep it inside the safe circle)."""
    if rounded:
        r = 14
        cx = min(max(x, r), 64 - r)
        cy = min(max(y, r), 64 - r)
        if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
            return CLEAR
    lx = 32 + (x - 32) / scale
    ly = 32 + (y - 32) / scale
    for x0, y0, x1, y1 in L_RECTS:
        if x0 <= lx < x1 and y0 <= ly < y1:
            return WHITE
    return BLUE


def render(size, rounded, scale):
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter: none
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES) * 64 / size
                    y = (py + (sy + 0.5) / SAMPLES) * 64 / size
                    c = colour_at(x, y, rounded, scale)
                    for i in range(3):
                        acc[i] += c[i] * c[3]
                    acc[3] += c[3]
            n = SAMPLES * SAMPLES
            alpha = acc[3] / n
            if acc[3]:
                row += bytes(round(acc[i] / acc[3]) for i in range(3))
            else:
                row += bytes(3)
            row.append(round(alpha))
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    public = Path(__file__).resolve().parents[2] / "public"
    (public / "icon-192.png").write_bytes(render(192, True, 1.0))
    (public / "icon-512.png").write_bytes(render(512, True, 1.0))
    # Maskable: full bleed (the platform cuts its own shape) and the logo within the
    # inner 80% safe circle.
    (public / "icon-maskable-512.png").write_bytes(render(512, False, 0.75))


if __name__ == "__main__":
    main()
