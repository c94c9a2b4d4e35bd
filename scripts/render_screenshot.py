#!/usr/bin/env python3
"""Renders a tmux `capture-pane -p -e -N` dump to a PNG, cell by cell.

pyte replays the escape sequences into a character grid; Pillow draws each cell with a monospaced
font (DejaVu Sans Mono), CJK from WenQuanYi Zen Hei and emoji from Noto Color Emoji, so box lines
and wide characters keep the exact grid the terminal showed.

    render_screenshot.py capture.txt out.png [--columns 120 --rows 36]

Needs: pip install pyte pillow; Debian fonts-dejavu-core fonts-wqy-zenhei fonts-noto-color-emoji
fonts-symbola (for symbols DejaVu Sans Mono lacks).
"""
import argparse
import unicodedata

import pyte
from PIL import Image, ImageDraw, ImageFont

FONT_SIZE = 18
PADDING = 14
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
CJK = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
EMOJI = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
SYMBOLS = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"

# A dark palette in the spirit of common terminal themes.
BACKGROUND = (30, 32, 40)
FOREGROUND = (216, 222, 233)
NAMED = {
    "black": (40, 42, 54), "red": (224, 108, 117), "green": (152, 195, 121), "brown": (229, 192, 123),
    "yellow": (229, 192, 123), "blue": (55, 95, 170), "magenta": (198, 120, 221), "cyan": (86, 182, 194),
    "white": (200, 204, 212), "brightblack": (110, 118, 135), "brightred": (255, 123, 133),
    "brightgreen": (170, 230, 140), "brightbrown": (255, 215, 120), "brightyellow": (255, 215, 120),
    "brightblue": (97, 175, 239), "brightmagenta": (220, 150, 240), "brightcyan": (120, 220, 230),
    "brightwhite": (250, 250, 250),
}
# The 16 base colours as 256-colour indexes, for captures that use 38;5;n.
BASE16 = ["black", "red", "green", "brown", "blue", "magenta", "cyan", "white",
          "brightblack", "brightred", "brightgreen", "brightbrown", "brightblue", "brightmagenta", "brightcyan", "brightwhite"]
HEX_TO_NAME = {}


def colour(value, default):
    if value in (None, "default"):
        return default
    if value in NAMED:
        return NAMED[value]
    if isinstance(value, str) and len(value) == 6:
        if value.lower() in HEX_TO_NAME:
            return NAMED[HEX_TO_NAME[value.lower()]]
        return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))
    return default


def build_hex_table():
    # pyte turns 38;5;n into the xterm hex value; map the first 16 back to our palette.
    from pyte.graphics import FG_BG_256
    for index, name in enumerate(BASE16):
        HEX_TO_NAME[FG_BG_256[index].lower()] = name


def is_wide(char):
    return unicodedata.east_asian_width(char[:1]) in ("W", "F") if char else False


def is_emoji(char):
    # Pictures drawn two columns wide. Of the symbols and dingbats (U+2600–U+27BF) only those
    # terminals draw wide are emoji (☕ ✅); the others, such as ✓ and ✗, are text in one column.
    code = ord(char[0]) if char else 0
    if 0x2600 <= code <= 0x27BF:
        return unicodedata.east_asian_width(char[0]) == "W"
    return 0x1F300 <= code <= 0x1FAFF


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("capture")
    parser.add_argument("output")
    parser.add_argument("--columns", type=int, default=120)
    parser.add_argument("--rows", type=int, default=36)
    args = parser.parse_args()
    build_hex_table()

    screen = pyte.Screen(args.columns, args.rows)
    stream = pyte.Stream(screen)
    with open(args.capture, encoding="utf-8") as handle:
        text = handle.read()
    lines = text.split("\n")
    # capture-pane prints rows separated by newlines and carries attributes from one row to the
    # next; put each at the start of its own row without resetting anything.
    for row, line in enumerate(lines[: args.rows]):
        stream.feed("\x1b[%d;1H" % (row + 1) + line)

    mono = ImageFont.truetype(MONO, FONT_SIZE)
    bold = ImageFont.truetype(MONO_BOLD, FONT_SIZE)
    cjk = ImageFont.truetype(CJK, FONT_SIZE)
    symbols = ImageFont.truetype(SYMBOLS, FONT_SIZE)
    emoji = ImageFont.truetype(EMOJI, 109)
    cell_width = round(mono.getlength("M"))
    ascent, descent = mono.getmetrics()
    cell_height = ascent + descent + 3
    width = args.columns * cell_width + 2 * PADDING
    height = args.rows * cell_height + 2 * PADDING
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)

    for y in range(args.rows):
        row = screen.buffer[y]
        x = 0
        while x < args.columns:
            cell = row[x]
            char = cell.data
            wide = is_wide(char) or is_emoji(char)
            span = 2 if wide and x + 1 < args.columns else 1
            fg = colour(cell.fg, FOREGROUND)
            bg = colour(cell.bg, BACKGROUND)
            if cell.reverse:
                fg, bg = bg, fg
            left = PADDING + x * cell_width
            top = PADDING + y * cell_height
            draw.rectangle([left, top, left + span * cell_width - 1, top + cell_height - 1], fill=bg)
            if char and char != " ":
                if is_emoji(char):
                    glyph = Image.new("RGBA", (136, 128), (0, 0, 0, 0))
                    ImageDraw.Draw(glyph).text((0, 0), char[0], font=emoji, embedded_color=True)
                    box = glyph.getbbox()
                    if box:
                        glyph = glyph.crop(box)
                        size = cell_height - 4
                        glyph = glyph.resize((size, size), Image.LANCZOS)
                        image.paste(glyph, (left + (span * cell_width - size) // 2, top + 2), glyph)
                else:
                    font = bold if cell.bold else mono
                    if wide:
                        font = cjk
                    elif not font.getmask(char[0]).getbbox() and symbols.getmask(char[0]).getbbox():
                        font = symbols
                    if char[0] in "─│╭╮╰╯├┤":
                        draw_line(draw, char[0], left, top, cell_width, cell_height, fg)
                    else:
                        draw.text((left, top + 1), char, font=font, fill=fg)
                if cell.underscore:
                    draw.line([left, top + cell_height - 2, left + span * cell_width - 1, top + cell_height - 2], fill=fg)
            x += span
    image.save(args.output)


def draw_line(draw, char, left, top, width, height, fill):
    """Box lines drawn as lines, so they join across cells without gaps."""
    mid_x = left + width // 2
    mid_y = top + height // 2
    right = left + width - 1
    bottom = top + height - 1
    radius = min(width, height) // 2
    if char == "─":
        draw.line([left, mid_y, right, mid_y], fill=fill, width=1)
    elif char == "│":
        draw.line([mid_x, top, mid_x, bottom], fill=fill, width=1)
    elif char == "├":
        draw.line([mid_x, top, mid_x, bottom], fill=fill)
        draw.line([mid_x, mid_y, right, mid_y], fill=fill)
    elif char == "┤":
        draw.line([mid_x, top, mid_x, bottom], fill=fill)
        draw.line([left, mid_y, mid_x, mid_y], fill=fill)
    elif char == "╭":
        draw.arc([mid_x, mid_y, mid_x + 2 * radius, mid_y + 2 * radius], 180, 270, fill=fill)
        draw.line([mid_x + radius, mid_y, right, mid_y], fill=fill)
        draw.line([mid_x, mid_y + radius, mid_x, bottom], fill=fill)
    elif char == "╮":
        draw.arc([mid_x - 2 * radius, mid_y, mid_x, mid_y + 2 * radius], 270, 360, fill=fill)
        draw.line([left, mid_y, mid_x - radius, mid_y], fill=fill)
        draw.line([mid_x, mid_y + radius, mid_x, bottom], fill=fill)
    elif char == "╰":
        draw.arc([mid_x, mid_y - 2 * radius, mid_x + 2 * radius, mid_y], 90, 180, fill=fill)
        draw.line([mid_x + radius, mid_y, right, mid_y], fill=fill)
        draw.line([mid_x, top, mid_x, mid_y - radius], fill=fill)
    elif char == "╯":
        draw.arc([mid_x - 2 * radius, mid_y - 2 * radius, mid_x, mid_y], 0, 90, fill=fill)
        draw.line([left, mid_y, mid_x - radius, mid_y], fill=fill)
        draw.line([mid_x, top, mid_x, mid_y - radius], fill=fill)


if __name__ == "__main__":
    main()
