"""Paper for the documents people file: A4, the margins and faces of Chinese
filings, and spreadsheets that print.

Conventions encoded here:
- every Word document is A4 (210 × 297 mm; python-docx's template is US Letter),
  with the margins of Word's Chinese default page (2.54 cm top and bottom,
  3.18 cm left and right), portrait for running text and landscape for sections
  whose tables compare several products side by side;
- the body face is 宋体 and headings 黑体, set as East-Asian faces on the styles,
  because Word picks a run's Chinese face from w:eastAsia, not from the Latin name;
- a sheet prints on A4 landscape, fitted to the page width (as many pages down as
  it needs), with its header rows repeated on every page and text wrapped; a sheet
  too wide for that to stay legible (the catalog's 31 columns printed at 2.6 pt)
  prints instead at a fixed scale of at least 8 pt, its key columns repeated at
  the left of every page and its other columns broken across pages between their
  groups (`print_across`);
- a column is as wide as its longest line measured in display cells (a Chinese
  character is two cells, a Latin letter one — `unicodedata.east_asian_width`),
  within a floor and a ceiling, so 澄川财产保险股份有限公司 is not cut off and a
  clause's text wraps instead of running off the page.
Functions over python-docx and openpyxl objects, imported lazily.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
A4_MM = (210, 297)
MARGINS_CM = {"top": 2.54, "bottom": 2.54, "left": 3.18, "right": 3.18}


def display_width(text: str) -> int:
    """The width of the longest line of `text` in display cells: wide and full-width
    characters (Chinese, full-width punctuation) count two, others one."""
    return max(
        (sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in str(text).split("\n")),
        default=0,
    )


def a4_section(section, landscape: bool = False) -> None:
    """Make a python-docx section A4, portrait or landscape, with the usual margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Mm

    short, long = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin, section.bottom_margin = Cm(MARGINS_CM["top"]), Cm(MARGINS_CM["bottom"])
    section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])


def chinese_document(body_size: float = 10.5, landscape: bool = False):
    """A new Word document on A4 whose Normal style is 宋体 `body_size` pt and whose
    heading styles are 黑体 in black (the template's blue Calibri headings are not a
    Chinese filing's)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = Document()
    a4_section(document.sections[0], landscape)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(body_size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    for style in document.styles:
        if style.name.startswith(("Heading", "Title")):
            style.font.name = HEADING_FONT
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), HEADING_FONT)
    return document


# Word's default cell margins, 0.19 cm on either side of a table cell's text.
CELL_MARGINS_PT = 2 * 0.19 / 2.54 * 72


def usable_width_pt(section) -> float:
    """The width between a python-docx section's margins, in points."""
    return (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU per point


def table_column_widths(cells: Sequence[int | None], body_pt: float, total_pt: float) -> list[float]:
    """Column widths in points for a Word table `total_pt` wide: a column given a
    count of display cells holds a line that wide at `body_pt` (a Chinese character,
    two cells, is as wide as the type is tall) within the cell margins, with a cell
    to spare for bold type; the columns given None share what is left."""
    fixed = [None if c is None else (c + 1) * body_pt / 2 + CELL_MARGINS_PT for c in cells]
    flexible = sum(1 for f in fixed if f is None)
    rest = (total_pt - sum(f for f in fixed if f is not None)) / max(flexible, 1)
    return [rest if f is None else f for f in fixed]


def set_column_widths(table, widths_pt: Sequence[float]) -> None:
    """Fix a python-docx table's column widths: in the grid, which LibreOffice reads,
    and in every cell, which Word reads (call it once the rows are in)."""
    from docx.shared import Pt

    table.autofit = False
    for column, width in zip(table.columns, widths_pt, strict=True):
        column.width = Pt(width)
        for cell in column.cells:
            cell.width = Pt(width)


MARGIN_IN = 0.5  # left and right margins of a printed sheet, in inches
SHEET_FONT_PT = 11  # the size openpyxl writes text in (Calibri 11)
SMALLEST_PRINTED_PT = 8  # no sheet prints its text smaller than this
# A column-width unit is the width of a digit in the workbook's font. Excel's
# Calibri 11 digit prints 5.25 pt wide; LibreOffice without Calibri or its metric
# twin Carlito (a bare server, the test machines) measures DejaVu Sans, 7 pt. Pages
# are laid out for the wider one: in Excel they keep room to spare, and neither
# program breaks a page again inside a group of columns.
UNIT_PT = 7.0
LANDSCAPE_WIDTH_PT = A4_MM[1] / 25.4 * 72 - 2 * MARGIN_IN * 72


def print_sheet(ws, header_rows: int = 1, landscape: bool = True, footer: str | None = None) -> None:
    """Set an openpyxl worksheet to print on A4, fitted to the page width, with its
    first `header_rows` rows repeated on every page and `footer` (None: none) centred
    at the foot of each page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"
    if footer:
        ws.oddFooter.center.text = footer
        # Excel's own margins for a footer: one line of it between 0.3 and 0.8 inch
        # (LibreOffice clips a footer that the bottom margin has no room for).
        ws.page_margins.bottom, ws.page_margins.footer = 0.8, 0.3


@dataclass(frozen=True)
class Across:
    """How a wide sheet prints: at `scale` per cent, a page ending after each column
    (1-based) in `breaks`."""

    scale: int
    breaks: tuple[int, ...]

    @property
    def pages(self) -> int:
        """Pages side by side for one band of rows."""
        return len(self.breaks) + 1


def column_breaks(widths: Sequence[float], room: float, group_starts: frozenset[int] = frozenset()) -> tuple[int, int, tuple[int, ...]]:
    """Columns of `widths` laid on pages `room` units wide: the fewest pages, then the
    fewest breaks inside a group (a group starts at each 0-based column in
    `group_starts`). Returns the pages, the breaks inside groups and the breaks
    (the count of columns before each). A column wider than `room` has a page of
    its own and counts the pages it is cut across."""
    n = len(widths)
    best = [(0, 0), *([(math.inf, math.inf)] * n)]  # (pages, breaks inside groups) of the first columns
    previous = [0] * (n + 1)
    for end in range(1, n + 1):
        width = 0.0
        for start in range(end - 1, -1, -1):
            width += widths[start]
            if width > room and end - start > 1:
                break
            inside = 0 if start == 0 or start in group_starts else 1
            cost = (best[start][0] + max(1, math.ceil(width / room)), best[start][1] + inside)
            if cost < best[end]:
                best[end], previous[end] = cost, start
    breaks, end = [], previous[n]
    while end:
        breaks.append(end)
        end = previous[end]
    pages, inside = best[n]
    return pages, inside, tuple(reversed(breaks))


def across_layout(widths: Sequence[float], title_columns: int, group_starts: frozenset[int] = frozenset()) -> Across:
    """The print layout of columns `widths` (in width units) whose first
    `title_columns` repeat on every page: as few pages across as the smallest
    legible scale allows, then as few groups broken as those pages allow, then the
    largest scale that keeps both (so text prints as large as the page count permits)."""
    titles, rest = sum(widths[:title_columns]), widths[title_columns:]
    starts = frozenset(c - title_columns for c in group_starts if c > title_columns)
    smallest = -(-100 * SMALLEST_PRINTED_PT // SHEET_FONT_PT)
    if titles >= LANDSCAPE_WIDTH_PT / (UNIT_PT * smallest / 100):
        raise ValueError(f"title columns {titles} units wide leave no room on the page")
    layouts = []
    for scale in range(smallest, 101):
        room = LANDSCAPE_WIDTH_PT / (UNIT_PT * scale / 100) - titles
        pages, inside, breaks = column_breaks(rest, room, starts)
        layouts.append(((pages, inside, -scale), Across(scale, tuple(title_columns + b for b in breaks))))
    return min(layouts, key=lambda layout: layout[0])[1]


def print_across(ws, title_columns: int, group_starts: frozenset[int] = frozenset(), header_rows: int = 1, footer: str | None = None) -> Across:
    """Set a sheet to print on A4 landscape with its text at least
    SMALLEST_PRINTED_PT: fitted to the page width when that keeps it legible, else
    at a fixed scale with its first `title_columns` columns and `header_rows` rows
    on every page, the other columns broken across pages (between the groups that
    start at the 1-based columns `group_starts` where it can), the pages of one band
    of rows printed one after another ("over, then down") so a row's pages are
    together. Returns the layout."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
    layout = across_layout(widths, title_columns, frozenset(c - 1 for c in group_starts))
    print_sheet(ws, header_rows, footer=footer)
    if layout.pages == 1:
        return layout
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_setup.fitToWidth = 0  # not fitted: printed at the scale, as many pages across as the breaks make
    ws.page_setup.scale = layout.scale
    ws.page_setup.pageOrder = "overThenDown"
    ws.print_title_cols = f"A:{get_column_letter(title_columns)}"
    for column in layout.breaks:
        ws.col_breaks.append(Break(id=column))  # the page ends after this column
    return layout


HEADER_FILL = "DDEBF7"  # the pale blue of every header row, in workbooks and Word tables


def header_row(ws, values: list) -> None:
    """Append a bold, shaded header row to an openpyxl worksheet."""
    from openpyxl.styles import Font, PatternFill

    ws.append(values)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)


def fit_columns(ws, floor: int = 6, ceiling: int = 60, header_lines: int = 1, ceilings: Mapping[int, int] | None = None) -> None:
    """Size every column of an openpyxl worksheet to its longest line in display
    cells (within `floor` and `ceiling`, or the column's own ceiling in `ceilings`
    by 1-based column; rich text counts by its words; the header, row 1, as if
    wrapped onto `header_lines` lines), and wrap every cell at the top, so a value
    longer than its column runs down, not off the page."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    def cells(c) -> int:
        # A header of two lines (险类与分类一致 over a column of 是 and 否) costs a
        # taller first row instead of a column twice as wide as what it holds.
        width = display_width(str(c.value))
        return -(-width // header_lines) + 1 if c.row == 1 and header_lines > 1 else width

    widths = {}
    for column in ws.iter_cols(min_row=1, max_row=ws.max_row):
        if not column:
            continue
        widest = max((cells(c) for c in column if c.value is not None), default=0)
        top = (ceilings or {}).get(column[0].column, ceiling)
        widths[column[0].column] = width = min(max(widest + 2, floor), top)
        ws.column_dimensions[get_column_letter(column[0].column)].width = width
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    # Each row as tall as its most wrapped cell: spreadsheet programs do not all grow
    # a row for wrapped text on opening (LibreOffice keeps the default height).
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        lines = max((_wrapped_lines(str(c.value), widths.get(c.column, floor)) for c in row if c.value is not None), default=1)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT_PT * lines


# One line of 11 pt text as printed: a Chinese face sets its lines further apart than
# Calibri (Noto Sans CJK: 1.45 em), and rows of 15 pt a line cut off the foot of
# their last line when LibreOffice prints them.
LINE_HEIGHT_PT = 16.5


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a column `width` cells wide: 2 cells of margin,
    and a Chinese glyph prints a little wider than two cells (so 0.85 of the rest)."""
    usable = max(int((width - 2) * 0.85), 1)
    return sum(max(1, -(-display_width(line) // usable)) for line in text.split("\n"))
