"""The chart geometry of xmhub.core.charts (plain Python: no database)."""

import pytest

from xmhub.core import charts


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1), (-3, 1), (0.4, 0.5), (1, 1), (7, 10), (12, 20), (23, 25), (240, 250), (749.5, 1000), (1001, 2000)],
)
def test_nice_ceiling_rounds_up_to_a_round_number(value, expected):
    assert charts.nice_ceiling(value) == expected


def test_format_number_drops_a_zero_decimal_and_groups_thousands():
    assert charts.format_number(3.0) == "3"
    assert charts.format_number(2.5) == "2.5"
    assert charts.format_number(12345) == "12,345"


def test_column_chart_scales_bars_to_a_round_maximum_on_a_shared_baseline():
    chart = charts.column_chart([("Jan", 5), ("Feb", 10), ("Mar", 0)], width=340, height=240, left=40, right=0)
    assert chart.scale_max == 10
    assert chart.total == 15
    assert [bar.label for bar in chart.bars] == ["Jan", "Feb", "Mar"]
    plot_height = 240 - 12 - 28
    jan, feb, mar = chart.bars
    assert feb.height == plot_height and feb.y == 12
    assert jan.height == plot_height / 2
    assert mar.height == 0 and mar.y == chart.baseline
    # Bars share the baseline, keep their order and do not overlap.
    assert all(bar.y + bar.height == pytest.approx(chart.baseline) for bar in chart.bars)
    assert jan.x + jan.width < feb.x < feb.x + feb.width < mar.x
    assert jan.x >= 40 and mar.x + mar.width <= 340
    # Ticks from 0 at the baseline to the maximum at the top.
    assert [t.value for t in chart.ticks] == [0, 2.5, 5, 7.5, 10]
    assert chart.ticks[0].y == chart.baseline and chart.ticks[-1].y == 12


def test_column_chart_of_zeros_is_empty_and_draws_flat_bars():
    chart = charts.column_chart([("Jan", 0), ("Feb", 0)])
    assert chart.is_empty
    assert all(bar.height == 0 for bar in chart.bars)
    assert not charts.column_chart([("Jan", 1)]).is_empty


def test_column_chart_carries_details_for_tooltips():
    chart = charts.column_chart([("Jan", 1), ("Feb", 2)], details=["January: 1 hour", "February: 2 hours"])
    assert [bar.detail for bar in chart.bars] == ["January: 1 hour", "February: 2 hours"]


def test_row_chart_stacks_rows_and_marks_zero_rows_as_gaps():
    chart = charts.row_chart([("Retail", 10), ("Wealth", 5), ("Risk", 0)], width=600, label_width=200, value_width=100)
    assert chart.height == 3 * 30
    assert chart.plot_width == 300
    retail, wealth, risk = chart.bars
    assert retail.width == 300 and wealth.width == 150 and risk.width == 0
    assert [bar.is_gap for bar in chart.bars] == [False, False, True]
    assert all(bar.x == 200 for bar in chart.bars)
    assert retail.y < wealth.y < risk.y
    assert retail.value_x == 506 and retail.text_y == 15


def test_stacked_bar_splits_the_width_by_share_and_keeps_empty_segments_in_the_legend():
    chart = charts.stacked_bar([("a", "A", 1), ("b", "B", 0), ("c", "C", 3)], width=400)
    a, b, c = chart.segments
    assert chart.total == 4
    assert (a.x, a.width, a.share) == (0, 100, 25)
    assert (b.width, b.share) == (0, 0)
    assert (c.x, c.width, c.share) == (100, 300, 75)
    assert c.x + c.width == chart.width


def test_stacked_bar_of_nothing_is_empty():
    chart = charts.stacked_bar([("a", "A", 0), ("b", "B", 0)])
    assert chart.is_empty
    assert [s.width for s in chart.segments] == [0, 0]
