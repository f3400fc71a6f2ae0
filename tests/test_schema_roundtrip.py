"""The JSON output follows the published schema and reads back losslessly; parsing
generated clauses gives back the structure they were generated from."""

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiaokuan.model import SCHEMA, SectionType
from tiaokuan.parse import from_dict, json_schema, parse_bytes, parse_file, to_dict, to_json
from tiaokuan.text.labels import int_to_cn

from .conftest import SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".pdf", ".docx"})


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_output_validates_and_round_trips(sample: Path, validator: jsonschema.Draft202012Validator) -> None:
    result = parse_file(sample)
    data = json.loads(to_json(result))
    validator.validate(data)
    assert data["schema"] == SCHEMA
    assert from_dict(data) == result


# Clause text made of CJK words and the punctuation clauses use; no label shapes.
_WORDS = st.sampled_from(["保险人", "被保险人", "投保人", "专利", "商标", "赔偿", "费用", "责任", "约定", "载明", "期间", "损失", "诉讼", "合理的", "必要的"])
_SENTENCE = st.lists(_WORDS, min_size=2, max_size=12).map(lambda ws: "".join(ws))
_ARTICLE = st.tuples(
    st.lists(_SENTENCE, min_size=1, max_size=3).map(lambda ss: "，".join(ss) + "。"),
    st.lists(_SENTENCE.map(lambda s: s + "；"), min_size=0, max_size=4),
)
_CHAPTERS = st.lists(
    st.sampled_from(["总则", "保险责任", "责任免除", "保险期间", "赔偿处理", "争议处理", "其他事项"]), min_size=1, max_size=7, unique=True
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chapters=_CHAPTERS, data=st.data())
def test_generated_clause_parses_back(chapters: list[str], data: st.DataObject) -> None:
    lines = ["澄川财产保险股份有限公司", "测试保险条款"]
    expected: list[tuple[str, list[tuple[str, str]]]] = []
    number = 0
    for heading in chapters:
        lines.append(heading)
        articles = data.draw(st.lists(_ARTICLE, min_size=1, max_size=3))
        got: list[tuple[str, str]] = []
        for lead, items in articles:
            number += 1
            label = f"第{int_to_cn(number)}条"
            item_lines = [f"（{int_to_cn(k + 1)}）{text}" for k, text in enumerate(items)]
            lines.append(f"{label} {lead}")
            lines.extend(item_lines)
            got.append((label, "\n".join([lead, *item_lines])))
        expected.append((heading, got))
    result = parse_bytes("\n".join(lines).encode("utf-8"), "generated.txt")
    doc = result.documents[0]
    assert [(s.heading, [(a.label, a.text) for a in s.articles]) for s in doc.sections] == expected
    assert all(s.type is not SectionType.OTHER or s.heading == "其他事项" for s in doc.sections)
    assert result.warnings == ()
    assert from_dict(to_dict(result)) == result
