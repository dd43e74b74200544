"""Geometry of the week-by-week chart, drawn by the template as inline SVG (no chart library)."""

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 16, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    week: date
    value: int
    label_x: float
    show_label: bool


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    bars: list[Bar]
    peak: int
    baseline: float
    peak_y: float
    left: int


def trend_chart(points: list[tuple[date, int]]) -> TrendChart:
    """Bars of completions per week; every few weeks labelled so labels never overlap."""
    peak = max((value for _week, value in points), default=0)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(points), 1)
    label_every = max(1, round(len(points) / 8))
    bars = []
    for index, (week, value) in enumerate(points):
        height = plot_height * value / peak if peak else 0
        x = LEFT + index * slot + slot * 0.15
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                week=week,
                value=value,
                label_x=round(x + slot * 0.35, 1),
                show_label=index % label_every == 0,
            )
        )
    return TrendChart(
        width=WIDTH, height=HEIGHT, bars=bars, peak=peak, baseline=TOP + plot_height, peak_y=TOP, left=LEFT
    )
