"""Golden outputs for the sample corpus: the full JSON of every sample file.

Regenerate with `pytest tests/test_golden.py --regen-golden`, review the diff, and
run again without the flag: a run with the flag always fails, so it cannot be
left on by mistake.
"""

import json
from pathlib import Path

import pytest

from tiaokuan.parse import parse_bytes, to_dict

from .conftest import GOLDEN, ROOT, SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".pdf", ".docx"})


def test_every_sample_has_a_golden() -> None:
    names = {p.name + ".json" for p in SAMPLE_FILES}
    assert names == {p.name for p in GOLDEN.glob("*.json")}


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_matches_golden(sample: Path, regen_golden: bool) -> None:
    relative = sample.relative_to(ROOT).as_posix()
    actual = to_dict(parse_bytes(sample.read_bytes(), relative))
    golden = GOLDEN / (sample.name + ".json")
    if regen_golden:
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.fail(f"regenerated {golden.name}; review it and run again without --regen-golden")
    assert golden.exists(), f"no golden for {sample.name}: run pytest --regen-golden"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))
