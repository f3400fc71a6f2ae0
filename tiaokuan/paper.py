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
  it needs), with its header rows repeated on every page and text wrapped;
- a column is as wide as its longest line measured in display cells (a Chinese
  character is two cells, a Latin letter one — `unicodedata.east_asian_width`),
  within a floor and a ceiling, so 澄川财产保险股份有限公司 is not cut off and a
  clause's text wraps instead of running off the page.
Functions over python-docx and openpyxl objects, imported lazily.
"""

from __future__ import annotations

import unicodedata

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


def print_sheet(ws, header_rows: int = 1, landscape: bool = True) -> None:
    """Set an openpyxl worksheet to print on A4, fitted to the page width, with its
    first `header_rows` rows repeated on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"


def header_row(ws, values: list) -> None:
    """Append a bold, shaded header row to an openpyxl worksheet."""
    from openpyxl.styles import Font, PatternFill

    ws.append(values)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")


def fit_columns(ws, floor: int = 6, ceiling: int = 60) -> None:
    """Size every column of an openpyxl worksheet to its longest line in display
    cells (within `floor` and `ceiling`; rich text counts by its words), and wrap
    every cell at the top, so a value longer than its column runs down, not off
    the page."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    widths = {}
    for column in ws.iter_cols(min_row=1, max_row=ws.max_row):
        if not column:
            continue
        widest = max((display_width(str(c.value)) for c in column if c.value is not None), default=0)
        widths[column[0].column] = width = min(max(widest + 2, floor), ceiling)
        ws.column_dimensions[get_column_letter(column[0].column)].width = width
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    # Each row as tall as its most wrapped cell: spreadsheet programs do not all grow
    # a row for wrapped text on opening (LibreOffice keeps the default height).
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        lines = max((_wrapped_lines(str(c.value), widths.get(c.column, floor)) for c in row if c.value is not None), default=1)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT_PT * lines


LINE_HEIGHT_PT = 15  # one line of 11 pt text


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a column `width` cells wide: 2 cells of margin,
    and a Chinese glyph prints a little wider than two cells (so 0.85 of the rest)."""
    usable = max(int((width - 2) * 0.85), 1)
    return sum(max(1, -(-display_width(line) // usable)) for line in text.split("\n"))
