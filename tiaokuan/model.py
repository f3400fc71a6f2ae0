"""The versioned document model every stage shares: what a parsed clause file is.

Records are frozen so a parsed document can be hashed, cached and compared; every
element keeps where it came from (pages, source lines, PDF boxes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

SCHEMA = "tiaokuan.parse/1"


class SectionType(StrEnum):
    """Canonical chapter types (domain.md §2); closed set."""

    PREAMBLE = "preamble"
    GENERAL = "general"
    SUBJECT = "subject"
    COVERAGE = "coverage"
    EXCLUSIONS = "exclusions"
    AMOUNTS = "amounts"
    PERIOD = "period"
    PREMIUM = "premium"
    INSURER_DUTIES = "insurer_duties"
    POLICYHOLDER_DUTIES = "policyholder_duties"
    CLAIMS = "claims"
    DISPUTES = "disputes"
    OTHER = "other"
    DEFINITIONS = "definitions"
    APPENDIX = "appendix"


class SourceFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


class WarningCode(StrEnum):
    """What a parse warning is about; `--strict` turns any of them into an error."""

    NUMBERING_GAP = "numbering_gap"
    NUMBERING_DUPLICATE = "numbering_duplicate"
    NUMBERING_INFERRED = "numbering_inferred"
    UNKNOWN_HEADING = "unknown_heading"
    UNPLACED_TEXT = "unplaced_text"
    TABLE_FLATTENED = "table_flattened"
    EMPTY_PAGE = "empty_page"
    OCR_LOW_CONFIDENCE = "ocr_low_confidence"
    DAMAGED_SOURCE = "damaged_source"  # the file is damaged in places; text may be missing
    MISPRINTED_LABEL = "misprinted_label"  # a label printed twice over (第六条第七条), kept as printed
    REPEATED_HEADING = "repeated_heading"  # a chapter heading printed twice in a row, both kept


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on a PDF page, in PDF points from the top-left corner."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in the text that owns it."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Item:
    """An item （一） of an article, or a sub-item 1./(1)/① of an item.

    `label` is None when the printed label was lost and `label_inferred` says the
    item was recognised from its shape (a run of lines after a lead-in ending in ：).
    """

    label: str | None
    text: str
    paragraph: int
    items: tuple[Item, ...] = ()
    label_inferred: bool = False
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One article (条) with its verbatim text; `number` None marks an unnumbered passage."""

    number: int | None
    label: str | None
    text: str
    number_inferred: bool
    pages: tuple[int, ...]
    paragraphs: tuple[str, ...]
    items: tuple[Item, ...]
    lines: tuple[int, int]
    boxes: tuple[Box, ...] = ()
    bold: tuple[Span, ...] = ()
    # Filled by the language layer (parse.language); empty when it did not run.
    entities: tuple[Entity, ...] = ()
    categories: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    # Mean recognition confidence (0–1) of the article's OCR'd characters; None
    # when every line came from a text layer. `from_ocr` is the flag.
    ocr_confidence: float | None = None
    # Web pages: the XPath of each element the article's text came from, in reading
    # order — where it stood in the page, as boxes say for a PDF.
    elements: tuple[str, ...] = ()

    @property
    def from_ocr(self) -> bool:
        return self.ocr_confidence is not None


@dataclass(frozen=True, slots=True)
class Section:
    """A chapter: heading as printed (None for text before the first heading)."""

    heading: str | None
    type: SectionType
    articles: tuple[Article, ...]
    part: str | None = None
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Definition:
    """A 释义 entry; `article` is the number of the article that holds it, if any."""

    term: str
    text: str
    article: int | None
    pages: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table kept out of article text; `flattened` means the source lost its rows."""

    caption: str | None
    rows: tuple[tuple[str, ...], ...]
    pages: tuple[int, ...]
    flattened: bool = False


class FilingKind(StrEnum):
    """The scheme a 备案编号 (filing number other than the 注册号) is written in; closed set."""

    # （公司简称）（备-险种）【年份】（主/附）序号号: property insurers' filings.
    PROPERTY = "property"
    # 公司简称[年份]险种 序号号: life and health insurers' filings.
    LIFE = "life"


@dataclass(frozen=True, slots=True)
class FilingNumber:
    """A 备案编号 as printed, and what it says: the filer's short name as printed, the
    line of insurance, the year and serial; `rider` is None when the scheme does not say."""

    kind: FilingKind
    text: str
    company: str
    line: str
    year: int
    serial: str  # ASCII digits, leading zeros kept (008)
    rider: bool | None = None


@dataclass(frozen=True, slots=True)
class ClauseDocument:
    """One clause (a main clause or a rider) found in a source file."""

    insurer: str | None
    product: str | None
    title: str | None
    version: str | None
    registration_no: str | None
    rider: bool
    front_matter: tuple[str, ...]
    sections: tuple[Section, ...]
    definitions: tuple[Definition, ...] = ()
    tables: tuple[Table, ...] = ()
    semantics: Semantics | None = None  # the language layer's reading; None when it did not run
    filing_numbers: tuple[FilingNumber, ...] = ()  # 备案编号 printed besides the 注册号
    # A company named at the top that is not the insurer (a sales platform, an
    # agency); None when the title block names only the insurer.
    distributor: str | None = None

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(a for s in self.sections for a in s.articles)

    @property
    def numbered_articles(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.number is not None)


@dataclass(frozen=True, slots=True)
class ParseWarning:
    code: WarningCode
    message: str
    page: int | None = None
    box: Box | None = None  # where on the page, when the warning is about one line


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    sha256: str
    format: SourceFormat
    pages: int
    ocr_pages: tuple[int, ...] = ()  # pages read by OCR because they had no usable text layer


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Everything parsed from one file."""

    source: Source
    documents: tuple[ClauseDocument, ...]
    warnings: tuple[ParseWarning, ...] = field(default=())


class EntityType(StrEnum):
    """What an entity in clause text is (issue: clause language layer)."""

    AMOUNT = "AMOUNT"
    PERCENT = "PERCENT"
    DURATION = "DURATION"
    DEADLINE = "DEADLINE"
    LAW = "LAW"
    ARTICLE_REF = "ARTICLE_REF"
    DEFINED_TERM = "DEFINED_TERM"
    PARTY = "PARTY"
    COST_HEAD = "COST_HEAD"
    IP_RIGHT = "IP_RIGHT"
    LIMIT_KIND = "LIMIT_KIND"
    TERRITORY = "TERRITORY"


class Category(StrEnum):
    """Clause categories of an article or item; closed set."""

    COVERAGE = "coverage"
    COVERAGE_EXTENSION = "coverage_extension"
    EXCLUSION = "exclusion"
    LIMIT = "limit"
    DEDUCTIBLE = "deductible"
    CONDITION = "condition"
    OBLIGATION = "obligation"
    CLAIMS_PROCEDURE = "claims_procedure"
    PAYMENT = "payment"
    SUBROGATION = "subrogation"
    OTHER_INSURANCE = "other_insurance"
    CANCELLATION = "cancellation"
    DISPUTE = "dispute"
    DEFINITION = "definition"
    GENERAL = "general"


@dataclass(frozen=True, slots=True)
class Entity:
    """A typed value found in an article's text, at [start, end) of `Article.text`.

    `value` holds the normalised value: a number (AMOUNT, PERCENT, DURATION), a
    canonical key (PARTY, COST_HEAD, IP_RIGHT, LIMIT_KIND, TERRITORY, DEADLINE
    kind), the target article number (ARTICLE_REF), or a name (LAW, DEFINED_TERM).
    `attrs` holds the rest as sorted (key, value) pairs: unit, days, currency.
    """

    type: EntityType
    text: str
    start: int
    end: int
    value: str | int | float | None
    attrs: tuple[tuple[str, str | int | float | None], ...] = ()

    def attr(self, key: str) -> str | int | float | None:
        return dict(self.attrs).get(key)


SILENT = "silent"


@dataclass(frozen=True, slots=True)
class TermValue:
    """One term-sheet field: its value ("silent" when the clause says nothing) and
    the article that says it."""

    value: str | tuple[str, ...]
    article: int | None = None
    text: str | None = None  # the words it was read from


@dataclass(frozen=True, slots=True)
class Mapped:
    """An exclusion or a covered cost mapped to the canonical list; `key` "unmapped" when none fits."""

    key: str
    label: str
    article: int | None
    item: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Registration:
    """A decoded 注册号: C + company(6) + line(3) + main/rider + date + serial + digit."""

    number: str
    company: str
    line_code: str
    line: str | None  # line of business the code stands for, when known
    rider: bool
    date: str  # YYYY-MM-DD


# The closed set of line-of-business codes a taxonomy carries ("ip" for IP products).
# People lines follow the regulator's split of 人身保险: accident (意外伤害), health
# (疾病, 医疗, 津贴, 护理) and life (寿险, 年金, 两全); agriculture is 种植/养殖/林木.
LINES_OF_BUSINESS = (
    "ip", "property", "liability", "surety", "credit", "engineering",
    "accident", "health", "life", "agriculture", "cargo", "other",
)  # fmt: skip
# Codes written before accident, health and life (and surety and credit) were told
# apart, and the lines each now splits into. Parse output never carries them; JSON
# written earlier may, and the database migration 0004 rewrites stored rows.
LEGACY_LINES = {"accident_health": ("accident", "health", "life"), "surety_credit": ("surety", "credit")}
# The closed set of kinds of product within a line, which analysts and catalogs filter on;
# other lines have no kind (None). The benefit decides, as it decides the line:
# health follows 《健康保险管理办法》's split (疾病 as critical illness or death from
# illness, 医疗, 护理, and allowances paid per day or per event); life the regulator's
# ordinary life products (定期寿险, 终身寿险, 两全, 年金); agriculture 种植 / 养殖 /
# 林木. Accident tells cover while travelling or carried by a conveyance (交通工具,
# 航空, 旅行意外) from general cover (普通意外, as older filing numbers call it).
# Each line's last kind is the one its products have when nothing names another.
LINE_KINDS = {
    "health": ("critical_illness", "medical", "allowance", "care", "disease_death", "other"),
    "life": ("term", "whole_life", "endowment", "annuity", "other"),
    "agriculture": ("crop", "livestock", "forestry", "other"),
    "accident": ("travel", "general"),
}


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Where a product sits: line of business and the kind within it, and for IP
    products liability type, right and function."""

    line: str
    liability_type: str | None = None
    right: str | None = None
    function: str | None = None
    registration: Registration | None = None
    registration_agrees: bool | None = None  # None when there is no 注册号 or its line code is unknown
    kind: str | None = None  # the kind within the line (LINE_KINDS); None for a line without kinds


@dataclass(frozen=True, slots=True)
class Semantics:
    term_sheet: tuple[tuple[str, TermValue], ...]
    exclusions: tuple[Mapped, ...]
    cost_heads: tuple[Mapped, ...]
    taxonomy: Taxonomy

    def term(self, name: str) -> TermValue:
        return dict(self.term_sheet)[name]
