"""Charts as SVG markup, drawn on the server so the same chart appears on the web page and in the PDF.

Only presentation attributes (``fill="…"``): no ``style`` attribute, no ``<style>`` or ``<script>``
element, so the strict Content-Security-Policy holds. Every chart has ``role="img"``, a ``<title>``
and a ``<desc>`` named by ``aria-labelledby``; the page shows the same numbers in a table beside it.
Colour is never the only signal: bars carry their numbers, lines differ in dash and marker shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#1d6f72"
BAR_BG = "#e3e8ea"
TEXT = "#1b2426"
MUTED = "#5a6a6e"
LINE_A = "#1d6f72"
LINE_B = "#a4471c"
MARK = "#7a4f00"
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'

_ids = count(1)


def _uid(prefix: str) -> str:
    return f"{prefix}-{next(_ids)}"


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _header(width: int, height: int, title: str, desc: str, prefix: str) -> tuple[str, str]:
    uid = _uid(prefix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{uid}-t {uid}-d">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>',
        uid,
    )


def bar_chart(title: str, rows: list[tuple[str, int]], *, total: int | None = None, width: int = 560) -> SafeString:
    """Horizontal bars, one per (label, count), each labelled with its count and share."""
    total = total if total is not None else sum(n for _, n in rows)
    label_w, row_h, pad = 190, 26, 6
    bar_w = width - label_w - 90
    height = max(1, len(rows)) * row_h + 2 * pad
    desc = "; ".join(f"{label}: {n}" for label, n in rows)
    head, _ = _header(width, height, title, desc, "bar")
    parts = [head]
    largest = max((n for _, n in rows), default=0) or 1
    for i, (label, n) in enumerate(rows):
        y = pad + i * row_h
        w = round(bar_w * n / largest) if n else 0
        share = f" ({round(100 * n / total)} %)" if total else ""
        short = label if len(label) <= 28 else label[:27] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="12" fill="{TEXT}" {FONT}>'
            f"{escape(short)}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row_h - 8}" fill="{BAR_BG}"/>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{row_h - 8}" fill="{BAR}"/>'
            f'<text x="{label_w + w + 6}" y="{y + 17}" font-size="12" fill="{TEXT}" {FONT}>{n}{share}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above


@dataclass
class Series:
    label: str
    points: dict[int, float]  # year -> value


def line_chart(
    title: str,
    series: list[Series],
    *,
    marker_year: int | None = None,
    marker_label: str = "",
    width: int = 560,
    height: int = 260,
    band: dict[int, tuple[float, float]] | None = None,
    band_label: str = "",
) -> SafeString:
    """Values over years: up to two series (solid line with circles, dashed line with squares) and a
    vertical dotted line marking a year (the cohort the organisation took part in). ``band`` draws a
    shaded range per year (lowest, highest), e.g. comparable municipalities."""
    band = band or {}
    years = sorted({y for s in series for y in s.points} | set(band) | ({marker_year} if marker_year else set()))
    values = [v for s in series for v in s.points.values()] + [v for pair in band.values() for v in pair]
    desc_parts = [f"{s.label}: " + ", ".join(f"{y} {_fmt(v)}" for y, v in sorted(s.points.items())) for s in series]
    if band:
        desc_parts.append(
            f"{band_label}: " + ", ".join(f"{y} {_fmt(lo)}–{_fmt(hi)}" for y, (lo, hi) in sorted(band.items()))
        )
    if marker_year:
        desc_parts.append(f"{marker_label} {marker_year}")
    head, _ = _header(width, height, title, ". ".join(desc_parts), "line")
    parts = [head]
    left, right, top, bottom = 48, 16, 16, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    if not years or not values:
        parts.append(f'<text x="{left}" y="{top + 20}" font-size="12" fill="{MUTED}" {FONT}>–</text></svg>')
        return mark_safe("".join(parts))  # noqa: S308
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    span = high - low
    low, high = low - span * 0.1, high + span * 0.1
    first, last = years[0], years[-1]

    def x(year: int) -> float:
        return left + (plot_w * (year - first) / (last - first) if last != first else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    for tick in (low + (high - low) * k / 4 for k in range(5)):
        parts.append(
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="10" fill="{MUTED}" '
            f"{FONT}>{_fmt(round(tick, 1))}</text>"
        )
    for year in years:
        parts.append(
            f'<text x="{x(year):.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="10" '
            f'fill="{MUTED}" {FONT}>{year}</text>'
        )
    if marker_year:
        mx = x(marker_year)
        parts.append(
            f'<line x1="{mx:.1f}" y1="{top}" x2="{mx:.1f}" y2="{top + plot_h}" stroke="{MARK}" '
            f'stroke-dasharray="2 3" stroke-width="2"/>'
            f'<text x="{mx + 4:.1f}" y="{top + 10}" font-size="10" fill="{MARK}" {FONT}>'
            f"{escape(marker_label)}</text>"
        )
    legend_y = height - 14
    if band:
        pts = sorted(band.items())
        outline = [f"{x(yr):.1f},{y(hi):.1f}" for yr, (_lo, hi) in pts] + [
            f"{x(yr):.1f},{y(lo):.1f}" for yr, (lo, _hi) in reversed(pts)
        ]
        parts.append(f'<polygon points="{" ".join(outline)}" fill="{BAR_BG}" stroke="{MUTED}" stroke-width="0.5"/>')
        bx = left + plot_w - 150
        parts.append(
            f'<rect x="{bx}" y="{legend_y - 10}" width="18" height="10" fill="{BAR_BG}" stroke="{MUTED}"/>'
            f'<text x="{bx + 24}" y="{legend_y}" font-size="11" fill="{TEXT}" {FONT}>{escape(band_label)}</text>'
        )
    styles = [(LINE_A, "", "circle"), (LINE_B, ' stroke-dasharray="6 4"', "square")]
    for i, s in enumerate(series[:2]):
        colour, dash, marker = styles[i]
        pts = sorted(s.points.items())
        path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in pts)
        if len(pts) > 1:
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for yr, v in pts:
            parts.append(_marker(marker, x(yr), y(v), colour))
        lx = left + i * (plot_w // 2)
        parts.append(
            f'<line x1="{lx}" y1="{legend_y - 4}" x2="{lx + 24}" y2="{legend_y - 4}" stroke="{colour}" '
            f'stroke-width="2"{dash}/>'
            + _marker(marker, lx + 12, legend_y - 4, colour)
            + f'<text x="{lx + 30}" y="{legend_y}" font-size="11" fill="{TEXT}" {FONT}>'
            f"{escape(s.label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308


def _marker(shape: str, cx: float, cy: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{colour}"/>'
