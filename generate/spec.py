"""The wording spec: what to build from a base clause, read from TOML and checked.

A spec names its base product, the new wording's identity, the chapters and
articles to keep, drop, replace or add, exclusions to remove or add, riders to
append, and the schedule values. `read_spec` reports every structural problem at
once, each with its key; `check_against_base` adds the problems only the base
clause can reveal (an article that does not exist, a dropped article still cited).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tiaokuan.errors import TiaokuanError
from tiaokuan.i18n import _, ngettext
from tiaokuan.model import ClauseDocument, EntityType, SectionType


class SpecError(TiaokuanError):
    """The wording spec has problems; every one is listed with its key."""

    def __init__(self, path: str | None, problems: list[Problem]):
        self.problems = tuple(problems)
        listed = "\n".join(f"  [{p.key}] {p.message}" for p in problems)
        said = ngettext("定制文件中有 {n} 个问题；请逐一改正后重新运行：", "定制文件中有 {n} 个问题；请逐一改正后重新运行：", len(problems))
        super().__init__(path, said.format(n=len(problems)) + "\n" + listed)


@dataclass(frozen=True)
class Problem:
    key: str  # dotted TOML key, e.g. articles.drop[2]
    message: str


@dataclass(frozen=True)
class Replacement:
    article: str  # the base article's label, 第十五条
    text: str


@dataclass(frozen=True)
class Addition:
    after: str  # a base article's label, or a chapter heading (the article goes at its end)
    text: str


@dataclass(frozen=True)
class Schedule:
    """The values of the policy schedule (保险单明细表); None means not given."""

    insured: str | None = None
    limit_per_occurrence: float | None = None
    limit_per_patent: float | None = None
    limit_aggregate: float | None = None
    deductible_amount: float | None = None
    deductible_rate: float | None = None  # a fraction: 0.1 is 10%
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    retroactive_date: dt.date | None = None
    territory: str | None = None
    currency: str = "CNY"


@dataclass(frozen=True)
class WordingSpec:
    base: str  # a file path, database version id, 注册号 or product name
    document: int = 1  # which clause of a file that bundles several (1 = the first)
    insurer: str | None = None  # None: the base's
    product: str | None = None
    title: str | None = None
    version: str | None = None
    registration_no: str | None = None
    keep_chapters: tuple[str, ...] = ()  # empty: keep all
    drop_chapters: tuple[str, ...] = ()
    keep_articles: tuple[str, ...] = ()  # empty: keep all (but those dropped)
    drop_articles: tuple[str, ...] = ()
    replace: tuple[Replacement, ...] = ()
    add: tuple[Addition, ...] = ()
    remove_exclusions: tuple[str, ...] = ()  # canonical keys (licensed_use) or items (第七条（二）)
    add_exclusions: tuple[str, ...] = ()
    riders: tuple[str, ...] = ()
    schedule: Schedule = field(default_factory=Schedule)


_KEYS: dict[str, set[str]] = {
    "base": {"product", "document"},
    "wording": {"insurer", "product", "title", "version", "registration_no"},
    "chapters": {"keep", "drop"},
    "articles": {"keep", "drop", "replace", "add"},
    "exclusions": {"remove", "add"},
    "riders": {"append"},
    "schedule": {f for f in Schedule.__dataclass_fields__},
}
_MONEY = ("limit_per_occurrence", "limit_per_patent", "limit_aggregate", "deductible_amount")
_DATES = ("period_start", "period_end", "retroactive_date")
ARTICLE_LABEL = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")
ITEM_REF = re.compile(r"(第[一二三四五六七八九十百零〇\d]+条)([（(][一二三四五六七八九十\d]+[）)])")


def _strings(value, key: str, problems: list[Problem]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(Problem(key, _("应为由非空字符串组成的列表")))
        return ()
    return tuple(v.strip() for v in value)


def _tables(value, key: str, fields: tuple[str, str], problems: list[Problem]) -> list[tuple[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(Problem(key, _("应为表的数组，每个表含 {a} 和 {b}").format(a=fields[0], b=fields[1])))
        return []
    out = []
    for i, table in enumerate(value):
        for extra in sorted(set(table) - set(fields)):
            problems.append(Problem(f"{key}[{i}].{extra}", _("未知的键；应为 {a} 和 {b}").format(a=fields[0], b=fields[1])))
        missing = [f for f in fields if not isinstance(table.get(f), str) or not table[f].strip()]
        for f in missing:
            problems.append(Problem(f"{key}[{i}].{f}", _("缺少或为空")))
        if not missing:
            out.append((table[fields[0]].strip(), table[fields[1]]))
    return out


def _schedule(raw: dict, problems: list[Problem]) -> Schedule:
    values: dict = {}
    for name, value in raw.items():
        key = f"schedule.{name}"
        if name in _MONEY:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                problems.append(Problem(key, _("应为不小于 0 的数（元）")))
                continue
        elif name == "deductible_rate":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
                problems.append(Problem(key, _("应为 0 到 1 之间（不含 1）的小数（0.1 即 10%）")))
                continue
        elif name in _DATES:
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                problems.append(Problem(key, _("应为 TOML 日期，例如 2027-01-01")))
                continue
        elif not isinstance(value, str):
            problems.append(Problem(key, _("应为字符串")))
            continue
        values[name] = value
    s = Schedule(**values)
    limits = [v for v in (s.limit_per_occurrence, s.limit_per_patent) if v is not None]
    if s.deductible_amount is not None and limits and s.deductible_amount >= min(limits):
        said = _("{amount} 不低于赔偿限额 {limit}；免赔额应小于它所适用的赔偿限额")
        problems.append(Problem("schedule.deductible_amount", said.format(amount=f"{s.deductible_amount:g}", limit=f"{min(limits):g}")))
    if s.limit_aggregate is not None and limits and s.limit_aggregate < max(limits):
        said = _("{amount} 低于每次事故或每件专利的赔偿限额 {limit}")
        problems.append(Problem("schedule.limit_aggregate", said.format(amount=f"{s.limit_aggregate:g}", limit=f"{max(limits):g}")))
    if s.period_start and s.period_end and s.period_end <= s.period_start:
        problems.append(Problem("schedule.period_end", _("{end} 不晚于保险期间起始日 {start}").format(end=s.period_end, start=s.period_start)))
    if s.retroactive_date and s.period_start and s.retroactive_date > s.period_start:
        said = _("{date} 晚于保险期间起始日 {start}；追溯期起始日应不晚于保险期间起始日")
        problems.append(Problem("schedule.retroactive_date", said.format(date=s.retroactive_date, start=s.period_start)))
    return s


def spec_from_dict(raw: dict) -> tuple[WordingSpec | None, list[Problem]]:
    """The spec in `raw` (parsed TOML) and every structural problem found in it."""
    problems: list[Problem] = []
    for table in sorted(set(raw) - set(_KEYS)):
        problems.append(Problem(table, _("未知的表；应为以下之一：{tables}").format(tables=_("、").join(_KEYS))))
    for table, allowed in _KEYS.items():
        value = raw.get(table, {})
        if not isinstance(value, dict):
            problems.append(Problem(table, _("应为表")))
            raw = {**raw, table: {}}
            continue
        for key in sorted(set(value) - allowed):
            problems.append(Problem(f"{table}.{key}", _("未知的键；应为以下之一：{keys}").format(keys=_("、").join(sorted(allowed)))))

    def get(table: str) -> dict:
        return {k: v for k, v in raw.get(table, {}).items() if k in _KEYS[table]}

    base, wording = get("base"), get("wording")
    if not isinstance(base.get("product"), str) or not base["product"].strip():
        problems.append(Problem("base.product", _("缺少：请指明基础条款（文件、注册号、数据库版本 id 或产品名称）")))
    document = base.get("document", 1)
    if isinstance(document, bool) or not isinstance(document, int) or document < 1:
        problems.append(Problem("base.document", _("应为从 1 起的整数")))
        document = 1
    for key, value in wording.items():
        if not isinstance(value, str):
            problems.append(Problem(f"wording.{key}", _("应为字符串")))
    chapters, articles, exclusions = get("chapters"), get("articles"), get("exclusions")
    keep_chapters = _strings(chapters.get("keep"), "chapters.keep", problems)
    drop_chapters = _strings(chapters.get("drop"), "chapters.drop", problems)
    if keep_chapters and drop_chapters:
        problems.append(Problem("chapters", _("keep 和 drop 只能给出一个")))
    keep_articles = _strings(articles.get("keep"), "articles.keep", problems)
    drop_articles = _strings(articles.get("drop"), "articles.drop", problems)
    if keep_articles and drop_articles:
        problems.append(Problem("articles", _("keep 和 drop 只能给出一个")))
    for key, labels in (("articles.keep", keep_articles), ("articles.drop", drop_articles)):
        for i, label in enumerate(labels):
            if not ARTICLE_LABEL.fullmatch(label):
                problems.append(Problem(f"{key}[{i}]", _("“{label}”不是“第八条”这样的条号").format(label=label)))
    replace = [Replacement(a, t) for a, t in _tables(articles.get("replace"), "articles.replace", ("article", "text"), problems)]
    add = [Addition(a, t) for a, t in _tables(articles.get("add"), "articles.add", ("after", "text"), problems)]
    schedule = _schedule(get("schedule"), problems)
    if any(p.key.startswith(("base.product",)) for p in problems):
        return None, problems
    spec = WordingSpec(
        base=base["product"].strip(),
        document=document,
        **{k: v for k, v in wording.items() if isinstance(v, str)},
        keep_chapters=keep_chapters,
        drop_chapters=drop_chapters,
        keep_articles=keep_articles,
        drop_articles=drop_articles,
        replace=tuple(replace),
        add=tuple(add),
        remove_exclusions=_strings(exclusions.get("remove"), "exclusions.remove", problems),
        add_exclusions=_strings(exclusions.get("add"), "exclusions.add", problems),
        riders=_strings(get("riders").get("append"), "riders.append", problems),
        schedule=schedule,
    )
    return spec, problems


def load_spec(path: str | Path) -> tuple[WordingSpec | None, list[Problem]]:
    """The spec in the TOML file at `path` (None when it names no base) and its
    structural problems, so a caller can add the base's problems and report all."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        return None, [Problem("file", _("无法读取（{reason}）").format(reason=e.strerror))]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        return None, [Problem("file", _("不是有效的 TOML：{reason}").format(reason=e))]
    return spec_from_dict(raw)


def read_spec(path: str | Path) -> WordingSpec:
    """The spec in the TOML file at `path`; SpecError lists every problem at once."""
    spec, problems = load_spec(path)
    if problems or spec is None:
        raise SpecError(str(path), problems)
    return spec


def heading_key(heading: str | None) -> str:
    return re.sub(r"\s+", "", heading or "")


def check_against_base(spec: WordingSpec, base: ClauseDocument) -> list[Problem]:
    """Problems only the base clause reveals: labels and chapters it does not have,
    exclusions it does not make, and dropped articles that kept articles still cite."""
    problems: list[Problem] = []
    labels = {a.label: a for a in base.articles if a.label}
    headings = {heading_key(s.heading) for s in base.sections if s.heading}
    for key, names in (("chapters.keep", spec.keep_chapters), ("chapters.drop", spec.drop_chapters)):
        for i, name in enumerate(names):
            if heading_key(name) not in headings:
                chapters = "、".join(s.heading for s in base.sections if s.heading)
                problems.append(Problem(f"{key}[{i}]", _("基础条款中没有“{name}”一章；它的章节：{chapters}").format(name=name, chapters=chapters)))
    for key, named in (("articles.keep", spec.keep_articles), ("articles.drop", spec.drop_articles)):
        for i, label in enumerate(named):
            if label not in labels:
                problems.append(Problem(f"{key}[{i}]", _("基础条款中没有{label}").format(label=label)))
    for i, r in enumerate(spec.replace):
        if r.article not in labels:
            problems.append(Problem(f"articles.replace[{i}].article", _("基础条款中没有{label}").format(label=r.article)))
        elif r.article in spec.drop_articles:
            problems.append(Problem(f"articles.replace[{i}].article", _("{article}同时也被删除了").format(article=r.article)))
    for i, a in enumerate(spec.add):
        if a.after not in labels and heading_key(a.after) not in headings:
            problems.append(Problem(f"articles.add[{i}].after", _("基础条款中没有“{place}”这一条或这一章").format(place=a.after)))
    excluded = {m.key for m in base.semantics.exclusions} if base.semantics else set()
    for i, ref in enumerate(spec.remove_exclusions):
        item = ITEM_REF.fullmatch(ref)
        if item:
            article = labels.get(item.group(1))
            if article is None or not any(same_label(x.label, item.group(2)) for x in article.items):
                problems.append(Problem(f"exclusions.remove[{i}]", _("基础条款中没有{item}这一项").format(item=ref)))
        elif ref not in excluded:
            said = _("基础条款没有“{ref}”这项责任免除；它的责任免除：{keys}，也可以写明某一项，如 第七条（二）")
            problems.append(Problem(f"exclusions.remove[{i}]", said.format(ref=ref, keys=_("、").join(sorted(excluded - {"unmapped"})))))
    if spec.add_exclusions and not any(s.type is SectionType.EXCLUSIONS for s in base.sections):
        problems.append(Problem("exclusions.add", _("基础条款没有“责任免除”一章，无法增加责任免除")))
    dropped = dropped_labels(spec, base) | {a.label for s in base.sections if heading_key(s.heading) in map(heading_key, spec.drop_chapters) for a in s.articles}
    if spec.keep_chapters:
        kept = set(map(heading_key, spec.keep_chapters))
        dropped |= {a.label for s in base.sections if heading_key(s.heading) not in kept for a in s.articles}
    replaced = {r.article for r in spec.replace}
    for article in base.articles:
        if article.label in dropped or article.label in replaced:
            continue
        for e in article.entities:
            if e.type is EntityType.ARTICLE_REF and isinstance(e.value, int) and e.value != article.number:
                target = next((a.label for a in base.articles if a.number == e.value), None)
                said = _("删除了{target}，但{article}仍引用它（{ref}）；请一并删除或替换{article}")
                problem = Problem("articles.drop", said.format(target=target, article=article.label, ref=e.text))
                if target in dropped and problem not in problems:
                    problems.append(problem)
    return problems


def dropped_labels(spec: WordingSpec, base: ClauseDocument) -> set[str]:
    """The base articles the spec's articles.keep / articles.drop leave out."""
    if spec.keep_articles:
        return {a.label for a in base.articles if a.label and a.label not in spec.keep_articles}
    return set(spec.drop_articles)


def same_label(a: str | None, b: str) -> bool:
    return a is not None and a.replace("(", "（").replace(")", "）") == b.replace("(", "（").replace(")", "）")


# Example values of the schedule, consistent with each other (the deductible below
# the limits, the period's end after its start) so that uncommenting them all gives
# a spec that loads; the drafter puts the client's own values in their place.
_STARTER_SCHEDULE = (
    ("insured", '""'),
    ("territory", '""'),
    ("limit_per_occurrence", "1000000"),
    ("limit_per_patent", "500000"),
    ("limit_aggregate", "2000000"),
    ("deductible_amount", "10000"),
    ("deductible_rate", "0.1"),
    ("period_start", "2027-01-01"),
    ("period_end", "2027-12-31"),
    ("retroactive_date", "2026-01-01"),
)


def new_spec(base: ClauseDocument, ref: str) -> str:
    """A starting spec (TOML) for a wording built on `base`, named `ref`: nothing
    changed yet, the base's chapters, articles and exclusions listed in comments so
    the drafter can pick from them, and commented-out examples that give a valid
    spec once uncommented."""
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"Wording spec for tiaokuan generate, starting from {base.title or base.product or ref}."))
    doc.add(tomlkit.comment("Every key is optional except base.product; as written, this spec rebuilds the base unchanged."))
    section = tomlkit.table()
    section.add("product", ref)
    section.add("document", 1)
    doc.add("base", section)
    wording = tomlkit.table()
    for key, value in (("insurer", base.insurer), ("product", base.product), ("title", base.title), ("version", base.version)):
        wording.add(key, value or "")
    wording.add("registration_no", "")
    wording["registration_no"].comment("the new filing's 注册号, if it has one; the base's is not copied")
    doc.add("wording", wording)
    chapters = tomlkit.table()
    chapters.add(tomlkit.comment("chapters: " + "、".join(s.heading for s in base.sections if s.heading)))
    chapters.add("drop", tomlkit.array())
    doc.add("chapters", chapters)
    doc.add("articles", _starter_articles(base))
    exclusions = tomlkit.table()
    keys = sorted({m.key for m in base.semantics.exclusions} - {"unmapped"}) if base.semantics else []
    # An item of the base's own exclusions as exclusions.remove names it (第五条(三)).
    excluding = [a for s in base.sections if s.type is SectionType.EXCLUSIONS for a in s.articles]
    items = [f"{a.label}{i.label}" for a in excluding for i in a.items]
    item = next((x for x in items if ITEM_REF.fullmatch(x)), None)
    named = ", ".join(f'"{x}"' for x in (keys[:1] + [item] if item else keys[:1]))
    exclusions.add(tomlkit.comment(f"the base excludes: {', '.join(keys) or 'nothing it names'}"))
    if named:
        exclusions.add(tomlkit.comment(f"name them or an item, e.g. remove = [{named}]"))
    exclusions.add(tomlkit.comment('add = ["the text of a new exclusion"] adds an item to the last exclusion article'))
    exclusions.add("remove", tomlkit.array())
    exclusions.add("add", tomlkit.array())
    doc.add("exclusions", exclusions)
    riders = tomlkit.table()
    riders.add("append", tomlkit.array())
    riders["append"].comment("rider clauses (files, 注册号 or product names) printed after the wording")
    doc.add("riders", riders)
    schedule = tomlkit.table()
    schedule.add(tomlkit.comment("uncomment the lines you need and put your values in: money in yuan, deductible_rate"))
    schedule.add(tomlkit.comment("as a fraction (0.1 = 10%), dates as 2027-01-01"))
    for key, value in _STARTER_SCHEDULE:
        schedule.add(tomlkit.comment(f"{key} = {value}"))
    doc.add("schedule", schedule)
    return tomlkit.dumps(doc)


def _starter_articles(base: ClauseDocument):
    """The [articles] table of a starting spec. Replacements and additions are arrays
    of tables ([[articles.replace]]): an empty `replace = []` would make the tables a
    drafter adds a second definition of the key, which TOML refuses. So they are
    complete examples, commented out, naming the base's real first article."""
    import tomlkit

    articles = tomlkit.table()
    for a in base.articles:
        if a.label:
            articles.add(tomlkit.comment(f"{a.label} {a.text.splitlines()[0][:36]}".rstrip()))
    articles.add("drop", tomlkit.array())
    first = next((a.label for a in base.articles if a.label), None)
    chapter = next((s.heading for s in base.sections if s.heading), None)
    lines = []
    if first:
        lines += [
            "To replace an article, uncomment the three lines under this one and write its new text (in the",
            "wording's numbering) between the quotes; repeat the three lines for each article you replace.",
            "[[articles.replace]]",
            f'article = "{first}"',
            'text = ""',
        ]
    if first or chapter:
        lines += [
            "To add an article, uncomment the three lines under this one and write its text between the quotes;",
            "after names a base article (the new one follows it) or a chapter (it goes at the chapter's end).",
            "[[articles.add]]",
            f'after = "{first or chapter}"',
            'text = ""',
        ]
    for line in lines:
        articles.add(tomlkit.comment(line))
    return articles
