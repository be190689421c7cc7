"""Labels that sit above their row's mark and take a second line where the chart is too narrow."""

from __future__ import annotations

import altair as alt

#: Height of each row, in pixels: its label above, its mark below.
ROW = 44
#: Average width of a label's character at 13 px, in pixels: a label wider than its room wraps.
CHAR_WIDTH = 6.6
#: Line height of a label, in pixels.
LINE = 15


def above(chart: alt.Chart, room: str, lines: str, row: int = ROW, **mark) -> alt.Chart:
    """``chart``'s ``label`` field as text above each row's mark, in ``room`` (an expression: the
    share of the chart's width it may use); where it does not fit, ``lines`` (an expression: a list
    of shorter lines) are drawn instead, raised so that the last line still sits just above the
    mark (at the middle of its ``row``, in pixels). Screen readers skip labels: the mark they label
    carries the same words."""
    wraps = f"{room} * width < {CHAR_WIDTH} * length(datum.label)"
    one_line = row // 2 - 9
    return chart.transform_calculate(
        text=f"{wraps} ? {lines} : datum.label",
        shift=f"{wraps} ? {one_line} - {LINE} * (length({lines}) - 1) : {one_line}",
    ).mark_text(baseline="bottom", style="label", lineHeight=LINE, aria=False, **mark)


def row_offset() -> alt.YOffset:
    """The text's offset within its row's band (raw pixels), as :func:`above` computes it."""
    return alt.YOffset("shift:Q", scale=None)
