"""Poll charts as Plotly figures (JSON for plotly.js, which the bot serves itself). Each
chart stands beside a table with the same numbers (``dossier.recognition_rows`` and
``urgency_rows``), so nothing is only visible as colour or shape."""

from __future__ import annotations

import plotly.graph_objects as go

from bot.core.i18n import t
from bot.features.reports.dossier import RECOGNITION_COLOURS
from bot.features.reports.story import PollView
from bot.vocabulary.enums import Recognition, Urgency, code

URGENCY_COLOURS = {Urgency.LOW: "#56B4E9", Urgency.MEDIUM: "#E69F00", Urgency.HIGH: "#CC79A7"}
FONT = {"family": "system-ui, sans-serif", "size": 14, "color": "#1a1a1a"}


def _layout(figure: go.Figure, height: int, title: str) -> str:
    figure.update_layout(
        title={"text": title, "x": 0},
        template="simple_white",
        height=height,
        margin={"l": 140, "r": 20, "t": 50, "b": 40},
        font=FONT,
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom"},
    )
    # "</" could end the <script type="application/json"> block the figure sits in
    return str(figure.to_json()).replace("</", "<\\/")


def _ticks(most: int) -> dict[str, object]:
    """Whole votes on the axis: a tick per vote while there are few."""
    return {"dtick": 1, "rangemode": "tozero"} if most <= 10 else {"rangemode": "tozero"}


def recognition(view: PollView, lang: str) -> str:
    """Recognition per domain of the voters: stacked bars, one colour per answer."""
    domains = sorted(view.result.by_domain.items())
    names = [name for name, _ in domains] or ["-"]
    figure = go.Figure(
        [
            go.Bar(
                name=t(lang, f"dossier-col-{code(r)}"),
                y=names,
                x=[counts[r] for _, counts in domains] or [0],
                orientation="h",
                marker_color=RECOGNITION_COLOURS[r],
                text=[counts[r] or "" for _, counts in domains] or [""],
                textposition="inside",
            )
            for r in Recognition
        ]
    )
    most = max((sum(c.values()) for _, c in domains), default=0)
    figure.update_layout(
        barmode="stack", xaxis={"title": t(lang, "web-chart-votes"), **_ticks(most)}
    )
    title = t(lang, "web-chart-recognition", nr=view.poll.id)
    return _layout(figure, 140 + 40 * len(names), title)


def urgency(view: PollView, lang: str) -> str:
    counts = view.result.urgency
    figure = go.Figure(
        go.Bar(
            x=[t(lang, f"dossier-urgency-{code(u)}") for u in Urgency],
            y=[counts[u] for u in Urgency],
            marker_color=[URGENCY_COLOURS[u] for u in Urgency],
            text=[counts[u] for u in Urgency],
            textposition="outside",
        )
    )
    figure.update_layout(
        yaxis={"title": t(lang, "web-chart-votes"), **_ticks(max(counts.values(), default=0))},
        showlegend=False,
    )
    return _layout(figure, 300, t(lang, "web-chart-urgency", nr=view.poll.id))
