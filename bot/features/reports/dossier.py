"""A bottleneck's dossier as a PDF (ReportLab) for a policy table: the question, quotes the
visibility rule allows (anonymous ones unnamed), recognition per domain (a chart and its
table), urgency, causes, agenda steps, feedback and the timeline. The dashboard renders the
same ``Story`` as a print-ready page with the same texts (``dossier-*``)."""

from __future__ import annotations

import io
from collections import Counter
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import reportlab
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bot.core.i18n import cause_label, day, percent, stage_label, t, when
from bot.features.reports.story import PollView, Story
from bot.vocabulary.enums import Recognition, Urgency, code

# Colours that stay apart for colour-blind readers (Okabe–Ito), the same on the dashboard.
RECOGNITION_COLOURS = {
    Recognition.YES: "#0072B2",
    Recognition.PARTLY: "#E69F00",
    Recognition.NO: "#D55E00",
}
FONT, BOLD = "Dossier", "Dossier-Bold"
# DejaVu Sans (Debian's fonts-dejavu-core) covers arrows and most scripts; Bitstream Vera,
# which ships with ReportLab, is there on any machine (Latin text: ë, é, €, quotes).
FONT_FILES = (
    (Path("/usr/share/fonts/truetype/dejavu"), "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    (Path(reportlab.__file__).parent / "fonts", "Vera.ttf", "VeraBd.ttf"),
)


def _fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder, regular, bold = next(f for f in FONT_FILES if (f[0] / f[1]).exists())
    pdfmetrics.registerFont(TTFont(FONT, str(folder / regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / bold)))


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=BOLD, fontSize=16),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=BOLD, spaceBefore=10),
        "body": ParagraphStyle("b", parent=base["BodyText"], fontName=FONT, fontSize=10),
        "quote": ParagraphStyle(
            "q",
            parent=base["BodyText"],
            fontName=FONT,
            fontSize=10,
            leftIndent=12,
            textColor=colors.HexColor("#222222"),
        ),
        "small": ParagraphStyle(
            "s", parent=base["BodyText"], fontName=FONT, fontSize=8, textColor=colors.grey
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def recognition_rows(view: PollView, lang: str) -> list[list[str]]:
    """Recognition per domain as table rows (head first; a total last)."""
    head = [t(lang, "dossier-col-domain")]
    head += [t(lang, f"dossier-col-{code(r)}") for r in Recognition]
    head.append(t(lang, "dossier-col-share"))
    rows = [head]
    domains = sorted(view.result.by_domain.items())
    for name, counts in [*domains, (t(lang, "dossier-total"), view.result.recognition)]:
        n = sum(counts.values())
        share = percent(counts[Recognition.YES] + counts[Recognition.PARTLY], n, lang)
        rows.append([name, *(str(counts[r]) for r in Recognition), share])
    return rows


def urgency_rows(view: PollView, lang: str) -> list[list[str]]:
    counts: Counter[Urgency] = view.result.urgency
    total = sum(counts.values())
    rows = [[t(lang, "dossier-col-urgency"), t(lang, "dossier-col-votes"), "%"]]
    rows += [
        [t(lang, f"dossier-urgency-{code(u)}"), str(counts[u]), percent(counts[u], total, lang)]
        for u in Urgency
    ]
    return rows


def _chart(view: PollView, lang: str) -> Drawing:
    domains = sorted(view.result.by_domain.items()) or [("-", Counter[Recognition]())]
    width, height = 16 * cm, max(3.2 * cm, (len(domains) * 0.9 + 1.6) * cm)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 3.2 * cm, 1.2 * cm
    chart.width, chart.height = width - 4 * cm, height - 1.6 * cm
    chart.data = [tuple(counts[r] for _, counts in domains) for r in Recognition]
    chart.categoryAxis.categoryNames = [name for name, _ in domains]
    chart.categoryAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontName = FONT
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = 0
    if max((sum(c.values()) for _, c in domains), default=0) <= 10:
        chart.valueAxis.valueStep = 1  # whole votes
    for i, r in enumerate(Recognition):
        chart.bars[i].fillColor = colors.HexColor(RECOGNITION_COLOURS[r])
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 3.2 * cm, 0.5 * cm
    legend.fontName = FONT
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [
        (colors.HexColor(RECOGNITION_COLOURS[r]), t(lang, f"dossier-col-{code(r)}"))
        for r in Recognition
    ]
    drawing.add(legend)
    return drawing


def _table(rows: list[list[str]]) -> Table:
    table = Table(rows, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF2")),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def pdf(story: Story, lang: str, zone: ZoneInfo, community: str, now: datetime) -> bytes:
    """The dossier as PDF bytes."""
    _fonts()
    s = _styles()
    b = story.bottleneck
    parts: list[Flowable] = [
        _p(t(lang, "dossier-title", nr=b.id, title=b.title), s["title"]),
        _p(meta(story, lang), s["body"]),
        _p(t(lang, "dossier-made", when=when(now, lang, zone), community=community), s["small"]),
    ]

    def section(key: str, lines: list[str], style: str = "body") -> None:
        parts.append(_p(t(lang, key), s["h2"]))
        for line in lines or [t(lang, "dossier-none")]:
            parts.append(_p(line, s[style]))

    section("dossier-question", [*story.questions, *([b.description] if b.description else [])])
    section("dossier-quotes", quotes(story, lang, zone), "quote")
    parts.append(_p(t(lang, "dossier-recognition"), s["h2"]))
    if not story.polls:
        parts.append(_p(t(lang, "dossier-no-polls"), s["body"]))
    for view in story.polls:
        parts += [
            _p(poll_line(view, lang), s["body"]),
            _chart(view, lang),
            _table(recognition_rows(view, lang)),
            Spacer(1, 6),
            _table(urgency_rows(view, lang)),
        ]
    section("dossier-causes", causes(story, lang))
    section("dossier-agenda", agenda(story, lang, zone))
    section("dossier-feedback", feedback(story, lang, zone))
    section("dossier-timeline", [f"{when(at, lang, zone)} — {line}" for at, line in story.timeline])
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=t(lang, "dossier-title", nr=b.id, title=b.title),
        author=community,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    doc.build(parts)
    return buffer.getvalue()


# -- lines shared by the PDF and the print-ready page ------------------------------------------


def meta(story: Story, lang: str) -> str:
    b = story.bottleneck
    return t(
        lang,
        "dossier-meta",
        stage=stage_label(b.stage, lang),
        domain=b.domain.value if b.domain else "-",
        count=story.counted,
        people=story.involved,
    )


def quotes(story: Story, lang: str, zone: ZoneInfo) -> list[str]:
    return [
        t(
            lang,
            "dossier-quote",
            text=v.shown.text or "",
            who=v.shown.author or t(lang, "name-anonymous"),
            domain=v.signal.domain.value if v.signal.domain else "-",
            date=day(v.signal.created_at, lang, zone),
        )
        for v in story.signals
    ]


def poll_line(view: PollView, lang: str) -> str:
    res = view.result
    verdict = "dossier-broad" if res.broadly_recognised else "dossier-not-broad"
    return t(lang, "dossier-poll", nr=view.poll.id, votes=res.votes) + " " + t(lang, verdict)


def causes(story: Story, lang: str) -> list[str]:
    return [
        t(lang, "dossier-cause", area=cause_label(c.area, lang), text=c.text)
        + (t(lang, "dossier-cause-expert", expert=c.expert) if c.expert else "")
        for c in story.causes
    ]


def agenda(story: Story, lang: str, zone: ZoneInfo) -> list[str]:
    return [
        t(
            lang,
            "dossier-agenda-item",
            table=a.table_name,
            action=a.action.value,
            date=day(a.date, lang, zone),
            outcome=a.outcome or "-",
            follow_up=day(a.follow_up, lang, zone),
        )
        for a in story.agenda
    ]


def feedback(story: Story, lang: str, zone: ZoneInfo) -> list[str]:
    return [
        t(
            lang,
            "dossier-feedback-item",
            date=day(f.item.at, lang, zone),
            text=f.item.text,
            reached=f.reached,
        )
        for f in story.feedback
    ]
