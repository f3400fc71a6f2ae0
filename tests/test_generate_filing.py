"""A generated wording a legal team can file as it is: relabelled items keep the
label style the insurer printed, the summary line counts the articles a reader
counts, and the starter spec's own comments, followed, give a spec that loads
and generates."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from docx import Document

from tiaokuan.cli import main
from tiaokuan.generate import Origin, WordingSpec, build, generate_wording, new_spec, read_spec, spec_from_dict
from tiaokuan.parse import parse_paragraphs
from tiaokuan.parse.api import parse_file
from tiaokuan.text.labels import item_label

from .conftest import ROOT, SAMPLES

PATENT = SAMPLES / "patent-enforcement-with-rider.txt"
SHENNENG = "SN01_SNCX_专利无效费用损失保险条款.md"
NEW_EXCLUSION = "被保险人未按期缴纳专利年费导致保险专利终止后发生的侵权"

# A clause whose one exclusion list is printed in the style the test gives.
CLAUSE = [
    "测试财产保险股份有限公司",
    "测试专利执行保险条款",
    "总则",
    "第一条　本保险合同由保险条款、投保单、保险单、保险凭证以及批单组成。",
    "保险责任",
    "第二条　在保险期间内，被保险人的专利被第三方侵犯的，保险人按照本保险合同的约定负责赔偿。",
    "责任免除",
    "第三条　下列原因造成的损失、费用和责任，保险人不负责赔偿：",
    "{0}投保人、被保险人及其代表的故意行为、犯罪行为;",
    "{1}战争、敌对行动、军事行为、武装冲突、罢工、骚乱、暴动、恐怖活动;",
    "{2}核辐射、核爆炸、核污染及其他放射性污染;",
    "{3}行政行为或司法行为。",
    "其他事项",
    "第四条　本保险合同的争议处理适用中华人民共和国法律。",
]


def _clause(labels: list[str]) -> list[str]:
    return [line.format(*labels) for line in CLAUSE]


def _items(text: str) -> list[str]:
    """The item lines of an article's text."""
    return [line for line in text.split("\n") if item_label(line)]


# -- relabelled items keep the printed style ---------------------------------------
@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        (["(一) ", "(二) ", "(三) ", "(四) "], ["(一) ", "(二) ", "(三) ", "(四) "]),  # half-width, a space after
        (["（一）", "（二）", "（三）", "（四）"], ["（一）", "（二）", "（三）", "（四）"]),
        (["(1)", "(2)", "(3)", "(4)"], ["(1)", "(2)", "(3)", "(4)"]),
        (["1. ", "2. ", "3. ", "4. "], ["1. ", "2. ", "3. ", "4. "]),
        (["1、", "2、", "3、", "4、"], ["1、", "2、", "3、", "4、"]),
        (["一、", "二、", "三、", "四、"], ["一、", "二、", "三、", "四、"]),
        # Mixed: the style most labels share; (四) keeps its own spacing, the new item takes the majority's.
        (["(一) ", "(二) ", "(三) ", "（四）"], ["(一) ", "(二) ", "(三)", "(四) "]),
        # A tie: each relabelled item keeps its own style, the new one that of the item before it.
        (["（一）", "(二) ", "(三) ", "（四）"], ["（一）", "(二) ", "（三）", "（四）"]),
    ],
    ids=["half-width", "full-width", "arabic-paren", "arabic-dot", "arabic-comma", "chinese-comma", "mixed", "tie"],
)
def test_relabelled_items_keep_the_printed_style(printed: list[str], expected: list[str]) -> None:
    base = parse_paragraphs("\n".join(_clause(printed))).documents[0]
    spec = WordingSpec(base="x", remove_exclusions=("war_terrorism",), add_exclusions=(NEW_EXCLUSION,))
    wording = build(spec, base, "x")
    bodies = [line[len(label) :] for line, label in zip(_items(base.articles[2].text), printed, strict=True)]
    # Only the labels change: every item's words, and its own spacing, stay as printed;
    # the new item is separated and closed as the list separates and closes its items.
    assert _items(wording.document.articles[2].text) == [
        expected[0] + bodies[0],
        expected[1] + bodies[2],
        expected[2] + bodies[3].replace("。", ";"),
        f"{expected[3]}{NEW_EXCLUSION}。",
    ]


def test_half_width_items_of_a_word_file_stay_half_width(tmp_path: Path, capsys) -> None:
    source = tmp_path / "half-width.docx"
    document = Document()
    for line in _clause(["(一) ", "(二) ", "(三) ", "(四) "]):
        document.add_paragraph(line)
    document.save(str(source))
    spec = tmp_path / "spec.toml"
    spec.write_text(
        f'[base]\nproduct = "{source.name}"\n[exclusions]\nremove = ["第三条(二)"]\nadd = ["{NEW_EXCLUSION}"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "wording.docx"
    assert main(["generate", str(spec), "-o", str(out)]) == 0
    exclusions = parse_file(out).documents[0].articles[2]
    assert [i.label for i in exclusions.items] == ["(一)", "(二)", "(三)", "(四)"]
    assert _items(exclusions.text) == [
        "(一) 投保人、被保险人及其代表的故意行为、犯罪行为;",
        "(二) 核辐射、核爆炸、核污染及其他放射性污染;",
        "(三) 行政行为或司法行为;",
        f"(四) {NEW_EXCLUSION}。",
    ]
    assert "（条款 4 条，非原文照录 1 条）" in capsys.readouterr().err


@pytest.mark.corpus
def test_shenneng_war_exclusion_removed_keeps_half_width_labels(shared_corpus: Path, tmp_path: Path, capsys) -> None:
    path = shared_corpus / "text" / SHENNENG
    if not path.exists():
        pytest.skip(f"{SHENNENG} is not in the shared corpus")
    spec = tmp_path / "spec.toml"
    spec.write_text(
        f'[base]\nproduct = "{path.as_posix()}"\n[exclusions]\nremove = ["war_terrorism"]\n', encoding="utf-8"
    )
    out = tmp_path / "w.docx"
    assert main(["generate", str(spec), "-o", str(out)]) == 0
    base = parse_file(path).documents[0]
    written = parse_file(out).documents[0]
    before = next(a for a in base.articles if "战争、敌对行动" in a.text)
    after = next(a for a in written.articles if a.label == before.label)
    assert [i.label for i in before.items] == ["(一)", "(二)", "(三)", "(四)"]
    assert [i.label for i in after.items] == ["(一)", "(二)", "(三)"]
    # The item after the removed one is relabelled as its neighbours print theirs, and keeps its space.
    assert _items(after.text)[2] == "(三) " + _items(before.text)[3][len("(四) ") :]
    assert after.text == before.text.replace(_items(before.text)[2] + "\n", "").replace("(四) ", "(三) ")
    # Every other article is the base's, character for character.
    assert [a.text for a in written.articles if a.label != before.label] == [
        a.text for a in base.articles if a.label != before.label
    ]
    numbered = sum(1 for a in written.articles if a.number is not None)
    assert (
        f"（条款 {numbered} 条，释义 {len(written.definitions)} 项，非原文照录 1 条）"
        in capsys.readouterr().err
    )
    assert numbered == len(written.articles) - 2, "the two 释义 entries are not articles"


# -- the summary line counts articles ----------------------------------------------
def _written_spec(tmp_path: Path, name: str) -> Path:
    if name == "example":
        return ROOT / "examples" / "patent-enforcement-tailored.toml"
    spec = tmp_path / "spec.toml"
    spec.write_text(f'[base]\nproduct = "{(SAMPLES / name).as_posix()}"\n', encoding="utf-8")
    return spec


@pytest.mark.parametrize("name", ["example", "copyright-definitions-first.txt", "rate-table-split.txt"])
def test_summary_counts_the_articles_of_the_written_file(name: str, tmp_path: Path, capsys) -> None:
    """Definitions printed without 第X条, a preamble and an appendix's notes are not
    articles: the count is that of the articles in the written file, read back."""
    out = tmp_path / "w.docx"
    assert main(["generate", str(_written_spec(tmp_path, name)), "-o", str(out)]) == 0
    summary = capsys.readouterr().err
    documents = parse_file(out).documents
    articles = [
        a for a in documents[0].articles if a.label and re.fullmatch(r"第[一二三四五六七八九十百零]+条", a.label)
    ]
    assert re.search(rf"（条款 {len(articles)} 条，", summary), summary
    if documents[0].definitions:
        assert f"，释义 {len(documents[0].definitions)} 项，" in summary
    if name == "example":
        assert f"；附加险 1 个，共 {len(documents[1].articles)} 条）" in summary
    else:
        assert len(articles) < len(documents[0].articles), "the sample has text that is not an article"


# -- new-spec's comments can be followed --------------------------------------------
def _follow(starter: str, texts: list[str], exclusion: str) -> str:
    """The starter with what its comments say done: each example table named by an
    'uncomment the three lines' note uncommented and its empty text written (from
    `texts`, in order), every schedule line uncommented, the exclusions removed as
    the 'e.g.' comment shows and `exclusion` added as the comment on add shows."""
    lines = starter.split("\n")
    todo = iter(texts)
    for k, line in enumerate(lines):
        if "uncomment the three lines under this one" in line:
            start = next(j for j in range(k, len(lines)) if lines[j].startswith("# [["))
            for j in range(start, start + 3):
                lines[j] = lines[j].removeprefix("# ")
            lines[start + 2] = lines[start + 2].replace('""', f'"{next(todo)}"')
    schedule = lines.index("[schedule]")
    lines[schedule:] = [re.sub(r"^# (\w+ = )", r"\1", line) for line in lines[schedule:]]
    remove = next(m.group(0) for line in lines if line.startswith("# ") and (m := re.search(r"remove = \[.+\]$", line)))
    add = next(
        m.group(0) for line in lines if line.startswith("# ") and (m := re.match(r"# add = \[.+\](?= adds)", line))
    )
    lines[lines.index("remove = []")] = remove
    lines[lines.index("add = []")] = re.sub(r'"[^"]*"', f'"{exclusion}"', add.removeprefix("# "))
    return "\n".join(lines)


def test_new_spec_comments_followed_give_a_spec_that_generates(tmp_path: Path, capsys) -> None:
    assert main(["new-spec", str(PATENT)]) == 0
    starter = capsys.readouterr().out
    assert "replace = []" not in starter and "add = []\n\n[riders]" in starter
    tomllib.loads(starter)  # as written, too
    replacement, addition = "保险人应当在收到赔偿请求后二十日内作出核定。", "本保险合同适用于专利执行保险业务。"
    followed = _follow(starter, [replacement, addition], NEW_EXCLUSION)
    raw = tomllib.loads(followed)
    assert raw["articles"]["replace"] == [{"article": "第一条", "text": replacement}]
    assert raw["articles"]["add"] == [{"after": "第一条", "text": addition}]
    spec, problems = spec_from_dict(raw)
    assert problems == [] and spec is not None
    path = tmp_path / "spec.toml"
    path.write_text(followed, encoding="utf-8")
    assert read_spec(path) == spec
    written = generate_wording(path, tmp_path / "w.docx")
    records = written.wording.provenance
    assert (records[0].origin, records[0].base_label) == (Origin.REPLACED, "第一条")
    assert (records[1].origin, records[1].label) == (Origin.NEW, "第二条")
    texts = [a.text for a in parse_file(tmp_path / "w.docx").documents[0].articles]
    assert texts[:2] == [replacement, addition]
    assert spec.add_exclusions == (NEW_EXCLUSION,) and any(NEW_EXCLUSION in t for t in texts)
    assert len(spec.remove_exclusions) == 2 and written.wording.schedule.limit_aggregate == 2000000


def test_new_spec_names_real_labels_of_its_base() -> None:
    base = parse_paragraphs("\n".join(_clause(["(一) ", "(二) ", "(三) ", "(四) "]))).documents[0]
    starter = new_spec(base, "x.txt")
    assert '# article = "第一条"' in starter and "第三条(一)" in starter and "第七条（二）" not in starter
