# The Python examples docs/simulate.md shows run as shown (from the source tree, as a reader would).
import re

import pytest

FENCE = re.compile(r"```python\n(.*?)```", re.S)


def examples(source):
    return FENCE.findall((source / "docs" / "simulate.md").read_text())


def test_the_docs_show_examples(source):
    assert len(examples(source)) >= 2


@pytest.mark.parametrize("index", [0, 1, 2])
def test_docs_example_runs(source, monkeypatch, capsys, index):
    monkeypatch.chdir(source)
    exec(compile(examples(source)[index], f"docs/simulate.md example {index + 1}", "exec"), {})
    assert capsys.readouterr().out.strip()
