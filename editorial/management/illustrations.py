"""Generated pictures for the demo publication, so that it needs no download and no stock
photo, and still looks like a publication: each section has its own motif and colours, each
article its own composition of them, and each author a portrait of their own.

Everything is drawn from a seed (a section's slug, an article's title, an author's name),
so loading the demo twice draws the same pictures.
"""

import hashlib
import math
import random

from PIL import Image, ImageDraw, ImageFont

# Per section: a background, the motif's colours and the motif that draws them.
SECTION_PALETTES = {
    "careers": ("#f3e7d3", ["#b5651d", "#7a3e12", "#e0a458"]),
    "networking": ("#1d3b53", ["#f2c14e", "#f78154", "#e8f1f2"]),
    "leadership": ("#f6efe9", ["#9b2c1f", "#3a2e39", "#d9a441"]),
    "workplace": ("#dfe9e4", ["#2e7d4f", "#35606b", "#a3c9a8"]),
    "skills": ("#2b2140", ["#7a4b9b", "#d3b8e8", "#f7b32b"]),
}
DEFAULT_PALETTE = ("#e9edf2", ["#1f5f8b", "#35606b", "#9cc0dc"])
PORTRAIT_BACKGROUNDS = ["#9b2c1f", "#1f5f8b", "#2e7d4f", "#7a4b9b", "#b5651d", "#35606b"]
SKIN_TONES = ["#f1c9a5", "#e0ac7e", "#c68c5a", "#a0673c", "#6f4428"]
HAIR_COLOURS = ["#2b1d14", "#5a3a22", "#a86b32", "#1c1c1c", "#8d8d8d", "#d8b26e"]
CLOTHES = ["#e8e4d9", "#3b4d61", "#6b4f3a", "#c9a227", "#5b7065", "#8a3b3b", "#2f2f2f"]


def seeded(text):
    """A random generator that gives the same draws for the same text on every machine."""
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
    return random.Random(seed)  # noqa: S311 - pictures, not secrets


def stairs(draw, rng, size, colours):
    """Careers: steps climbing at an angle of their own, a figure-like marker on top."""
    width, height = size
    steps = rng.randint(4, 7)
    step_width = width * rng.uniform(0.55, 0.8) / steps
    rise = height * rng.uniform(0.45, 0.7) / steps
    left = rng.uniform(0.05, 0.3) * width
    for n in range(steps):
        x = left + n * step_width
        top = height - (n + 1) * rise
        draw.rectangle((x, top, x + step_width, height), fill=colours[n % 2])
    summit = (left + (steps - 0.5) * step_width, height - steps * rise - rise * 0.6)
    radius = min(step_width, rise) * 0.35
    draw.ellipse(
        (summit[0] - radius, summit[1] - radius, summit[0] + radius, summit[1] + radius),
        fill=colours[2],
    )


def network(draw, rng, size, colours):
    """Networking: people as nodes, and the links between those near each other."""
    width, height = size
    nodes = [
        (rng.uniform(0.06, 0.94) * width, rng.uniform(0.1, 0.9) * height)
        for _ in range(rng.randint(7, 13))
    ]
    reach = width * rng.uniform(0.25, 0.4)
    for index, (x1, y1) in enumerate(nodes):
        for x2, y2 in nodes[index + 1 :]:
            if math.dist((x1, y1), (x2, y2)) < reach:
                draw.line((x1, y1, x2, y2), fill=colours[2], width=max(2, width // 400))
    for x, y in nodes:
        radius = rng.uniform(0.02, 0.055) * width
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=rng.choice(colours[:2]))


def chevrons(draw, rng, size, colours):
    """Leadership: arrows that lead, one ahead of the others."""
    width, height = size
    count = rng.randint(3, 6)
    spacing = width * rng.uniform(0.1, 0.16)
    depth = width * rng.uniform(0.08, 0.14)
    thickness = spacing * 0.45
    centre = height * rng.uniform(0.35, 0.65)
    half = height * rng.uniform(0.22, 0.34)
    start = rng.uniform(0.05, 0.35) * width
    for n in range(count):
        x = start + n * spacing
        colour = colours[2] if n == count - 1 else colours[n % 2]
        draw.polygon(
            [
                (x, centre - half),
                (x + thickness, centre - half),
                (x + thickness + depth, centre),
                (x + thickness, centre + half),
                (x, centre + half),
                (x + depth, centre),
            ],
            fill=colour,
        )


def windows(draw, rng, size, colours):
    """Workplace: an office front, some windows lit, some dark, some open to the sky."""
    width, height = size
    columns, rows = rng.randint(4, 8), rng.randint(3, 5)
    margin = width * rng.uniform(0.04, 0.12)
    gap = width * 0.015
    cell_width = (width - 2 * margin - (columns - 1) * gap) / columns
    cell_height = (height - 2 * margin - (rows - 1) * gap) / rows
    for row in range(rows):
        for column in range(columns):
            x = margin + column * (cell_width + gap)
            y = margin + row * (cell_height + gap)
            light = rng.random()
            if light < 0.75:
                draw.rectangle(
                    (x, y, x + cell_width, y + cell_height),
                    fill=colours[2] if light < 0.3 else colours[rng.randint(0, 1)],
                )


def tiles(draw, rng, size, colours):
    """Skills: triangles that fit together, as pieces of something learnt."""
    width, height = size
    side = width / rng.randint(5, 9)
    tall = side * math.sqrt(3) / 2
    rows = math.ceil(height / tall) + 1
    for row in range(rows):
        offset = (row % 2) * side / 2
        for column in range(-1, math.ceil(width / side) + 1):
            x, y = column * side + offset, row * tall
            if rng.random() < 0.55:
                up = [(x, y + tall), (x + side / 2, y), (x + side, y + tall)]
                draw.polygon(up, fill=rng.choice(colours))
            if rng.random() < 0.35:
                down = [(x + side / 2, y), (x + side, y + tall), (x + side * 1.5, y)]
                draw.polygon(down, fill=rng.choice(colours))


def rings(draw, rng, size, colours):
    """Any other section: circles of different sizes, overlapping."""
    width, height = size
    for _ in range(rng.randint(4, 8)):
        radius = rng.uniform(0.08, 0.3) * height
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            outline=rng.choice(colours),
            width=max(3, int(radius // 6)),
        )


SECTION_MOTIFS = {
    "careers": stairs,
    "networking": network,
    "leadership": chevrons,
    "workplace": windows,
    "skills": tiles,
}


def illustration(section, title, size):
    """The picture of the article ``title`` of ``section`` (a slug): the section's motif
    and colours, composed and mirrored as the article's own seed says."""
    rng = seeded(f"{section}/{title}")
    background, colours = SECTION_PALETTES.get(section, DEFAULT_PALETTE)
    colours = rng.sample(colours, len(colours))
    picture = Image.new("RGB", size, background)
    SECTION_MOTIFS.get(section, rings)(ImageDraw.Draw(picture), rng, size, colours)
    if rng.random() < 0.5:
        picture = picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return picture


def portrait(name, size):
    """A head-and-shoulders placeholder for ``name``: background, skin, hair, clothes and
    initials of their own."""
    rng = seeded(f"portrait/{name}")
    width, height = size
    picture = Image.new("RGB", size, rng.choice(PORTRAIT_BACKGROUNDS))
    draw = ImageDraw.Draw(picture)
    centre = width / 2 + rng.uniform(-0.06, 0.06) * width
    clothes = rng.choice(CLOTHES)
    reach = rng.uniform(0.3, 0.42) * width
    draw.ellipse((centre - reach, 0.68 * height, centre + reach, 1.4 * height), fill=clothes)
    head = rng.uniform(0.15, 0.22) * width
    top = rng.uniform(0.36, 0.44) * height - head
    hair = rng.choice(HAIR_COLOURS)
    style = rng.choice(["short", "long", "bun", "none"])
    if style == "long":
        # Falls behind the head to the shoulders.
        draw.rounded_rectangle(
            (centre - head * 1.2, top - head * 0.1, centre + head * 1.2, top + head * 2.9),
            radius=head,
            fill=hair,
        )
    elif style == "bun":
        draw.ellipse(
            (centre - head * 0.5, top - head * 0.75, centre + head * 0.5, top + head * 0.25),
            fill=hair,
        )
    draw.ellipse((centre - head, top, centre + head, top + head * 2.3), fill=rng.choice(SKIN_TONES))
    if style != "none":
        draw.chord(
            (centre - head * 1.05, top - head * 0.25, centre + head * 1.05, top + head * 1.5),
            start=180,
            end=360,
            fill=hair,
        )
    initials = "".join(part[0] for part in name.split()[:2])
    font = ImageFont.load_default(size=height // 9)
    draw.text((width * 0.92, height * 0.92), initials, fill="#ffffff", font=font, anchor="rs")
    return picture
