"""The small BIP progression chart on the citizen overview, as inline SVG (no script).

The legend is an HTML list under the chart, not text inside the SVG: it wraps on a narrow screen
instead of being cut off at the drawing's edge. Dates carry four-digit years; with many
measurements only every k-th date is written, so the labels never overlap.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from indsats.web.citizens.models import Progressionsmaaling

COLOURS = ["#0b5cad", "#b3261e", "#1a7f37", "#9a6700", "#6f42c1"]
W, H, PAD = 420, 180, 30
DATE_LABEL_WIDTH = 66  # "13.05.2026" at font size 11, with a gap


def progression_svg(maalinger: list[Progressionsmaaling]) -> SafeString:
    if not maalinger:
        return mark_safe("")
    n = len(maalinger)

    def x(i: int) -> float:
        return PAD + (W - 2 * PAD) * (i / (n - 1) if n > 1 else 0.5)

    def y(score: int) -> float:
        return H - PAD - (H - 2 * PAD) * (score - 1) / 9

    parts = [
        '<figure class="chart-figure">'
        f'<svg viewBox="0 0 {W} {H}" role="img" class="chart" '
        f'aria-labelledby="bip-title"><title id="bip-title">Progression (BIP), '
        f"{n} måling{'er' if n != 1 else ''}</title>"
    ]
    for score in (1, 5, 10):
        parts.append(
            f'<line x1="{PAD}" x2="{W - PAD}" y1="{y(score):.1f}" y2="{y(score):.1f}" '
            f'stroke="#d0d7de"/><text x="4" y="{y(score) + 4:.1f}" font-size="11">'
            f"{score}</text>"
        )
    room = max(1, int((W - 2 * PAD) // DATE_LABEL_WIDTH) + 1)
    step = max(1, -(-(n - 1) // (room - 1))) if n > room else 1
    labelled = set(range(0, n, step)) | {n - 1}
    if n - 1 - max(labelled - {n - 1}, default=-step) < step:
        labelled.discard(max(labelled - {n - 1}, default=-1))  # no overlap with the last date
    for i, m in enumerate(maalinger):
        if i in labelled:
            parts.append(
                f'<text x="{x(i):.1f}" y="{H - 8}" font-size="11" text-anchor="middle">'
                f"{m.dato:%d.%m.%Y}</text>"
            )
    legend = []
    for k, (field, label) in enumerate(Progressionsmaaling.FAKTORER):
        points = " ".join(f"{x(i):.1f},{y(getattr(m, field)):.1f}" for i, m in enumerate(maalinger))
        colour = COLOURS[k]
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'
        )
        for i, m in enumerate(maalinger):
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(getattr(m, field)):.1f}" r="3" '
                f'fill="{colour}"><title>{escape(label)}: {getattr(m, field)}'
                f"</title></circle>"
            )
        legend.append(
            f'<li><span class="swatch" style="background:{colour}" aria-hidden="true"></span>'
            f"{escape(label)}</li>"
        )
    parts.append("</svg>")
    parts.append(f'<ul class="legend">{"".join(legend)}</ul></figure>')
    return mark_safe("".join(parts))
