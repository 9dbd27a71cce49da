"""Chart builders read as the rest of the page: Indonesian separators on axes and labels,
MoU numbers readable and never crossed by the day line, scatter names spread around."""

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from ui.figures import charts, charts_places


def test_axes_group_thousands_and_never_abbreviate():
    fig = charts.style(go.Figure(go.Bar(x=["a"], y=[12_500])), "id")
    assert fig.layout.separators == ",."
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        assert axis.separatethousands and axis.exponentformat == "none"
    assert charts.style(go.Figure(), "en").layout.separators == ".,"


def test_the_mou_timeline_labels_mous_inside_and_keeps_the_day_line_below():
    frame = pd.DataFrame(
        {
            "short_name": ["Kab. A", "Kab. A"],
            "kind": ["MoU", "PKS"],
            "number": ["NK.01/KA/2022", "PKS.7/2023"],
            "start": [date(2022, 1, 10), date(2023, 3, 1)],
            "end": [date(2027, 1, 10), date(2025, 3, 1)],
        }
    )
    fig = charts_places.mou_timeline(frame, "id", date(2026, 11, 27))
    mou, pks = fig.data
    assert mou.textposition == "inside" and mou.textfont.size >= 11
    assert pks.textposition == "none"  # too thin for a label: on hover
    assert [s.layer for s in fig.layout.shapes] == ["below"]


def test_names_on_the_scatter_alternate_sides():
    frame = pd.DataFrame(
        {
            "short_name": [f"P{i}" for i in range(6)],
            "partner_type": ["pemda"] * 6,
            "effort": [10.0, 11, 12, 13, 14, 15],
            "outcome": [1.0] * 6,
        }
    )
    positions = list(charts_places.effort_vs_outcome(frame, "id").data[0].textposition)
    assert all(a != b for a, b in zip(positions, positions[1:], strict=False))


def test_a_closer_map_writes_each_partners_label_beside_its_point():
    frame = pd.DataFrame(
        {
            "short_name": ["Kab. Indramayu", "Kab. Cirebon"],
            "partner_type": ["pemda", "pemda"],
            "lat": [-6.33, -6.76],
            "lon": [108.32, 108.48],
            "detail": ["a", "b"],
            "label": ["Indramayu 100,0", "Cirebon 76,5"],
        }
    )
    fig = charts_places.partner_map(frame, "id", bounds=charts_places.JAVA_NTB)
    points = [d for d in fig.data if d.mode == "markers+text"]
    assert list(points[0].text) == ["Indramayu 100,0", "Cirebon 76,5"]
