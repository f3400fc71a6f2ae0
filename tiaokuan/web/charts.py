"""The catalog's charts, drawn on the server as SVG (no script, no CDN): products by
line of business and insurer, a heat map of how often each canonical exclusion
appears in each line, and filings over time. Labels are escaped; the SVG goes into
the page as markup the template marks safe."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from tiaokuan.i18n import _
from tiaokuan.text.vocab import VALUE_WORDS, say

_PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#2c7a7b", "#975a16")
_REST = "#a0aec0"  # the insurers beyond the palette, together: no colour stands for two of them
LEGEND_CHARS = 16


def line_name(code: str | None) -> str:
    """A line of business in Chinese; a code the vocabulary does not name is 其他,
    a value that is already words is shown as it is."""
    if code and code in VALUE_WORDS:
        return say(code)
    return code if code and not code.isascii() else _("其他")


def _cut(name: str, chars: int = LEGEND_CHARS) -> str:
    return name if len(name) <= chars else name[: chars - 1] + "…"


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str  # escaped SVG markup


def _text(x: float, y: float, s: str, anchor: str = "start", size: int = 12, weight: str = "normal") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}">{escape(s)}</text>'


def stacked_bars(counts: dict[str, Counter], title: str) -> Chart:
    """One horizontal bar per line of business, stacked by insurer."""
    rows = sorted(counts.items(), key=lambda kv: -sum(kv[1].values()))
    ranked = sorted({i for c in counts.values() for i in c}, key=lambda i: -sum(c[i] for c in counts.values()))
    # Every swatch of the legend has its name: an insurer without one is named as
    # such, and those beyond the palette share one grey swatch named for them all.
    rest = _("其他保险公司（{n} 家）").format(n=len(ranked) - len(_PALETTE) + 1) if len(ranked) > len(_PALETTE) else None
    named = ranked[: len(_PALETTE) - 1] if rest else ranked
    colour = {i: _PALETTE[k] for k, i in enumerate(named)} | {i: _REST for i in ranked if i not in named}
    insurers = named + ([ranked[len(named)]] if rest else [])  # one legend entry stands for the rest
    shown = {i: (i or _("未注明保险公司")) for i in ranked}
    top = max((sum(c.values()) for c in counts.values()), default=1)
    width, left, bar = 720, 110, 22
    height = 30 + len(rows) * (bar + 8) + 24 * ((len(insurers) + 2) // 3) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{escape(title)}">']
    for r, (line, c) in enumerate(rows):
        y = 20 + r * (bar + 8)
        parts.append(_text(left - 8, y + bar * 0.7, line_name(line), "end"))
        x = left
        for insurer in ranked:
            n = c.get(insurer, 0)
            if not n:
                continue
            w = (width - left - 60) * n / top
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour[insurer]}"><title>{escape(shown[insurer])}：{n}</title></rect>')
            x += w
        parts.append(_text(x + 6, y + bar * 0.7, str(sum(c.values()))))
    legend_y = 30 + len(rows) * (bar + 8)
    for k, insurer in enumerate(insurers):
        x, y = 10 + (k % 3) * 235, legend_y + (k // 3) * 24
        label = rest if rest and k == len(insurers) - 1 else shown[insurer]
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour[insurer]}"><title>{escape(label)}</title></rect>')
        parts.append(_text(x + 18, y + 11, _cut(label), size=11))
    parts.append("</svg>")
    return Chart(title, "".join(parts))


def heat_map(counts: dict[tuple[str, str], int], per_line: Counter, title: str) -> Chart:
    """Canonical exclusions (rows) × lines of business (columns): the share of the
    line's products that make the exclusion, darker for more."""
    lines = [line for line, _ in per_line.most_common() if any(k == line for k, _ in counts)]
    labels = sorted({label for _, label in counts}, key=lambda lab: -sum(n for (_, x), n in counts.items() if x == lab))
    cell_w, cell_h, left, top = 64, 20, 250, 46
    width, height = left + cell_w * len(lines) + 10, top + cell_h * len(labels) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{escape(title)}">']
    for c, line in enumerate(lines):
        parts.append(_text(left + c * cell_w + cell_w / 2, top - 10, line_name(line), "middle", 11))
    for r, label in enumerate(labels):
        y = top + r * cell_h
        parts.append(_text(left - 8, y + cell_h * 0.7, _cut(label or _("未命名的免除"), 20), "end", 11))
        for c, line in enumerate(lines):
            n = counts.get((line, label), 0)
            share = n / per_line[line] if per_line[line] else 0
            shade = int(255 - 200 * share)
            fill = f"rgb({shade},{shade},255)" if n else "#f7f7f7"
            x = left + c * cell_w
            tip = f"{line_name(line)} · {label}：{n}/{per_line[line]}"
            parts.append(f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"><title>{escape(tip)}</title></rect>')
            if n:
                parts.append(_text(x + cell_w / 2, y + cell_h * 0.7, f"{round(100 * share)}%", "middle", 10))
    parts.append("</svg>")
    return Chart(title, "".join(parts))


def timeline(months: Counter, title: str) -> Chart:
    """Filings per year-month of their 注册号 date, as columns."""
    keys = sorted(months)
    width, height, left, bottom = 720, 200, 40, 40
    top = max(months.values(), default=1)
    step = (width - left - 10) / max(len(keys), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{escape(title)}">']
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#333"/>')
    for k, key in enumerate(keys):
        h = (height - bottom - 20) * months[key] / top
        x = left + k * step
        parts.append(f'<rect x="{x + 1:.1f}" y="{height - bottom - h:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}" fill="#2b6cb0"><title>{escape(key)}: {months[key]}</title></rect>')
        if k % max(1, len(keys) // 8) == 0:
            parts.append(_text(x + step / 2, height - bottom + 16, key, "middle", 10))
    parts.append(_text(left - 6, 24, str(top), "end", 10))
    parts.append("</svg>")
    return Chart(title, "".join(parts))


def catalog_charts(products, everything, exclusion_counts: dict[tuple[str, str], int]) -> list[Chart]:
    """The three catalog charts for the listed (latest) products and all filings."""
    by_line: dict[str, Counter] = {}
    for p in products:
        by_line.setdefault(p.line or "other", Counter())[p.insurer] += 1
    per_line = Counter(p.line or "other" for p in products)
    months = Counter((p.reg_date or "")[:7] for p in everything if p.reg_date)
    return [
        stacked_bars(by_line, "产品数：按业务线与保险公司"),
        heat_map(exclusion_counts, per_line, "责任免除热力图：各业务线中含该项免除的产品比例"),
        timeline(months, "按注册号日期统计的备案（年-月）"),
    ]
