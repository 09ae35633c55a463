"""Chart geometry for server-rendered SVG charts (plain Python, no drawing library).

Each function turns a list of ``(label, value)`` pairs into the numbers a template needs to draw
``<rect>`` and ``<text>`` elements in a fixed ``viewBox``: no JavaScript and no inline styles, so the
charts work under a strict CSP. Templates live in ``templates/partials/charts/``; colours come from
CSS classes in ``static/css/charts.css``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


def nice_ceiling(value: float) -> float:
    """The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) at or above ``value``; 1 for 0."""
    if value <= 0:
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for multiple in (1, 2, 2.5, 5, 10):
        if value <= multiple * exponent + 1e-9:
            return multiple * exponent
    return 10 * exponent  # pragma: no cover (the loop always returns)


def format_number(value: float) -> str:
    """1200 → "1,200", 2.5 → "2.5", 3.0 → "3"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    detail: str = ""  # extra text for the tooltip (<title>) and the data table
    is_gap: bool = False

    @property
    def display(self) -> str:
        return format_number(self.value)

    @property
    def label_x(self) -> float:
        """Centre of a vertical bar (for its axis label)."""
        return round(self.x + self.width / 2, 2)

    @property
    def value_x(self) -> float:
        """Just after the end of a horizontal bar (for its value label)."""
        return round(self.x + self.width + 6, 2)

    @property
    def text_y(self) -> float:
        """Vertical middle of a horizontal bar (for its labels)."""
        return round(self.y + self.height / 2, 2)


@dataclass(frozen=True)
class Tick:
    value: float
    y: float

    @property
    def display(self) -> str:
        return format_number(self.value)


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick] = field(default_factory=list)
    plot_left: float = 0
    plot_right: float = 0
    baseline: float = 0
    label_y: float = 0
    scale_max: float = 1
    total: float = 0

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)

    @property
    def plot_width(self) -> float:
        return self.plot_right - self.plot_left


def column_chart(
    points: list[tuple[str, float]],
    *,
    details: list[str] | None = None,
    width: int = 640,
    height: int = 240,
    left: int = 44,
    right: int = 8,
    top: int = 12,
    bottom: int = 28,
    gap: float = 0.3,
    ticks: int = 4,
) -> BarChart:
    """Vertical bars, one per point, left to right, on a scale from 0 to a round maximum.

    ``gap`` is the share of each slot left empty between bars; ``ticks`` the number of intervals of the
    value axis (gridlines at 0, max/ticks, …, max).
    """
    values = [max(float(value), 0.0) for _, value in points]
    scale_max = nice_ceiling(max(values, default=0))
    plot_width = width - left - right
    plot_height = height - top - bottom
    baseline = top + plot_height
    slot = plot_width / len(points) if points else plot_width
    bar_width = slot * (1 - gap)
    bars = []
    for index, ((label, _), value) in enumerate(zip(points, values, strict=True)):
        bar_height = plot_height * value / scale_max
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(left + index * slot + (slot - bar_width) / 2, 2),
                y=round(baseline - bar_height, 2),
                width=round(bar_width, 2),
                height=round(bar_height, 2),
                detail=details[index] if details else "",
            )
        )
    tick_marks = [
        Tick(value=scale_max * i / ticks, y=round(baseline - plot_height * i / ticks, 2)) for i in range(ticks + 1)
    ]
    return BarChart(
        width=width,
        height=height,
        bars=bars,
        ticks=tick_marks,
        plot_left=left,
        plot_right=width - right,
        baseline=baseline,
        label_y=baseline + 18,
        scale_max=scale_max,
        total=sum(values),
    )


def row_chart(
    points: list[tuple[str, float]],
    *,
    details: list[str] | None = None,
    width: int = 640,
    label_width: int = 200,
    value_width: int = 110,
    row_height: int = 30,
    bar_share: float = 0.62,
) -> BarChart:
    """Horizontal bars, one row per point, top to bottom; a point whose value is 0 is marked ``is_gap``.

    The label sits in the first ``label_width`` units, the value (or "No ambassador") after the bar.
    """
    values = [max(float(value), 0.0) for _, value in points]
    scale_max = nice_ceiling(max(values, default=0))
    plot_width = width - label_width - value_width
    bar_height = row_height * bar_share
    bars = []
    for index, ((label, _), value) in enumerate(zip(points, values, strict=True)):
        bars.append(
            Bar(
                label=label,
                value=value,
                x=label_width,
                y=round(index * row_height + (row_height - bar_height) / 2, 2),
                width=round(plot_width * value / scale_max, 2),
                height=round(bar_height, 2),
                detail=details[index] if details else "",
                is_gap=value == 0,
            )
        )
    return BarChart(
        width=width,
        height=max(len(points), 1) * row_height,
        bars=bars,
        plot_left=label_width,
        plot_right=label_width + plot_width,
        scale_max=scale_max,
        total=sum(values),
    )


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    value: float
    x: float
    width: float
    share: float  # 0..100, rounded to a whole percent

    @property
    def display(self) -> str:
        return format_number(self.value)


@dataclass(frozen=True)
class StackedBar:
    width: int
    height: int
    segments: list[Segment]
    total: float

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def stacked_bar(points: list[tuple[str, str, float]], *, width: int = 640, height: int = 28) -> StackedBar:
    """One horizontal bar split into segments, one per ``(key, label, value)``, in order.

    Segments of value 0 keep their place in the legend but have width 0. Shares are whole percents.
    """
    values = [max(float(value), 0.0) for _, _, value in points]
    total = sum(values)
    segments, x = [], 0.0
    for (key, label, _), value in zip(points, values, strict=True):
        segment_width = width * value / total if total else 0.0
        segments.append(
            Segment(
                key=key,
                label=label,
                value=value,
                x=round(x, 2),
                width=round(segment_width, 2),
                share=round(100 * value / total) if total else 0,
            )
        )
        x += segment_width
    return StackedBar(width=width, height=height, segments=segments, total=total)
