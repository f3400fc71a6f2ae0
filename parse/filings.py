"""Filing numbers (备案编号) besides the 注册号, in the two schemes insurers print.

Property insurers wrote `（公司简称）（备-险种）【年份】（主/附）序号号`, life and
health insurers `公司简称[年份]险种 序号号` (domain.md §6). Copies mix half- and
full-width brackets and put spaces between the parts, so the patterns allow both;
the number is recorded as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tiaokuan.model import FilingKind, FilingNumber
from tiaokuan.text.insurers import licensed_insurer

_OPEN = r"[（(]\s*"
_CLOSE = r"\s*[)）]"
_YEAR = r"[【\[〔［(（]\s*((?:19|20|１９|２０)\d{2})\s*[】\]〕］)）]"
_DASH = r"\s*[-－—–‐]\s*"
_PROPERTY = re.compile(
    _OPEN + r"([\u4e00-\u9fffA-Za-z]{2,12})" + _CLOSE + r"\s*"
    + _OPEN + r"备" + _DASH + r"([\u4e00-\u9fff]{1,20})" + _CLOSE + r"\s*"
    + _YEAR + r"\s*"
    + r"(?:" + _OPEN + r"([主附])" + _CLOSE + r")?\s*"
    + r"(\d{1,5})\s*号"
)  # fmt: skip
# The filer's short name directly before the year; a 备案编号： in front is not part of it.
_LIFE = re.compile(
    r"(?:(?:产品)?备案(?:编)?号\s*[:：]?\s*)?"
    r"([\u4e00-\u9fff]{2,12}?)\s*" + _YEAR + r"\s*([\u4e00-\u9fff]{2,16}?(?:保险|寿险))\s*(\d{1,5})\s*号"
)


# Life and health insurers' short names end so (瑞泰人寿, 昆仑健康, 信美相互); a
# bracketed year inside an ordinary sentence has no such name before it.
_LIFE_FILER = re.compile(r"(?:人寿|健康|养老|保险|寿险|相互)$")


def _year(digits: str) -> int:
    return int(digits)  # int() reads full-width digits too


def _digits(text: str) -> str:
    """ASCII digits, leading zeros kept (００８ → 008)."""
    return "".join(str(int(c)) for c in text)


def filing_numbers_in(texts: Iterable[str]) -> tuple[FilingNumber, ...]:
    """Every filing number printed in `texts`, in order, each once."""
    found: dict[str, FilingNumber] = {}
    for text in texts:
        taken: list[tuple[int, int]] = []
        for m in _PROPERTY.finditer(text):
            taken.append(m.span())
            number = FilingNumber(
                FilingKind.PROPERTY, m.group(0), m.group(1), m.group(2), _year(m.group(3)), _digits(m.group(5)),
                None if m.group(4) is None else m.group(4) == "附",
            )  # fmt: skip
            found.setdefault(_key(number.text), number)
        for m in _LIFE.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            # A sentence around the number (本产品备案编号为…) is not the filer's name.
            lead = re.match(r".*(?:编号|备案号|[为是])", m.group(1))
            start = m.start(1) + (lead.end() if lead and m.end(1) - m.start(1) - lead.end() >= 2 else 0)
            # … and a licensed insurer's short name at its end is the name (依瑞泰人寿 → 瑞泰人寿).
            start += next((i for i in range(m.end(1) - start - 1) if licensed_insurer(text[start + i : m.end(1)])), 0)
            company = text[start : m.end(1)]
            if not (_LIFE_FILER.search(company) or licensed_insurer(company)):
                continue
            number = FilingNumber(FilingKind.LIFE, text[start : m.end()], company, m.group(3), _year(m.group(2)), _digits(m.group(4)))
            found.setdefault(_key(number.text), number)
    return tuple(found.values())


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


_FILING_LABEL = re.compile(r"(?:产品)?备案(?:编)?号\s*[:：]?")


def without_filing_numbers(text: str) -> str:
    """`text` without its filing numbers and the 备案编号： that introduces them."""
    for number in filing_numbers_in([text]):
        text = text.replace(number.text, "")
    return _FILING_LABEL.sub("", text).strip()


def is_filing_line(text: str) -> bool:
    """A title-block line that holds a filing number and little else."""
    return len(_key(text)) <= 60 and bool(filing_numbers_in([text]))


def is_filing_number(text: str) -> bool:
    """`text` is one filing number and nothing else (a name typed to look a clause up)."""
    found = filing_numbers_in([text.strip()])
    return len(found) == 1 and _key(found[0].text) == _key(text)
