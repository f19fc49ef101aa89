"""The small BIP progression chart on the citizen overview, as inline SVG (no script)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from indsats.web.citizens.models import Progressionsmaaling

COLOURS = ["#0b5cad", "#b3261e", "#1a7f37", "#9a6700", "#6f42c1"]
W, H, PAD = 420, 180, 30


def progression_svg(maalinger: list[Progressionsmaaling]) -> SafeString:
    if not maalinger:
        return mark_safe("")
    n = len(maalinger)

    def x(i: int) -> float:
        return PAD + (W - 2 * PAD) * (i / (n - 1) if n > 1 else 0.5)

    def y(score: int) -> float:
        return H - PAD - (H - 2 * PAD) * (score - 1) / 9

    parts = [
        f'<svg viewBox="0 0 {W} {H + 60}" role="img" class="chart" '
        f'aria-labelledby="bip-title"><title id="bip-title">Progression (BIP), '
        f"{n} måling{'er' if n != 1 else ''}</title>"
    ]
    for score in (1, 5, 10):
        parts.append(
            f'<line x1="{PAD}" x2="{W - PAD}" y1="{y(score):.1f}" y2="{y(score):.1f}" '
            f'stroke="#d0d7de"/><text x="4" y="{y(score) + 4:.1f}" font-size="11">'
            f"{score}</text>"
        )
    for i, m in enumerate(maalinger):
        parts.append(
            f'<text x="{x(i):.1f}" y="{H - 8}" font-size="11" text-anchor="middle">'
            f"{m.dato:%d.%m.%y}</text>"
        )
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
        lx = PAD + (k % 3) * 130
        ly = H + 14 + (k // 3) * 18
        parts.append(
            f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14}" y="{ly}" font-size="11">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
