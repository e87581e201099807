"""pkuseg word segmentation from the shipped model, through spaCy's ChineseTokenizer.

Expected words follow the People's Daily (PKU) standard the model was trained on, checked by
hand against that standard: surname and given name are separate words (江/nr 泽民/nr in the
corpus, so 李 / 鹏), organization and title words stand alone (国务院 / 总理), a date keeps its
unit character (1月 / 1日).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.segment import segment, word_tokenizer

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    # (where it came from, text, words)
    ("PD-style news lead", "国务院总理李鹏今天会见了外宾",
     ["国务院", "总理", "李", "鹏", "今天", "会见", "了", "外宾"]),
    ("dateline of a wire story", "新华社北京1月1日电",
     ["新华社", "北京", "1月", "1日", "电"]),
    ("our regional pages: remediation counts", "排查问题606个",
     ["排查", "问题", "606", "个"]),
]


@pytest.mark.parametrize("source,text,words", CASES, ids=[c[0] for c in CASES])
def test_segment_known_sentences(source, text, words):
    assert segment(text) == words


def test_segmenter_is_pkuseg_from_the_package_and_built_once():
    nlp = word_tokenizer()
    assert nlp.tokenizer.segmenter == "pkuseg"
    assert word_tokenizer() is nlp


def test_whitespace_is_dropped_and_text_is_kept():
    text = "临汾经济开发区 党工委书记、管委会主任\n白建成主持召开会议。"
    words = segment(text)
    assert "".join(words) == "".join(text.split())
    assert all(w.strip() == w and w for w in words)


def test_cli_segment_reads_stdin_line_by_line():
    out = subprocess.run([sys.executable, "cli.py", "segment"], input="今天会见了外宾\n排查问题606个\n",
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.splitlines() == ["今天 会见 了 外宾", "排查 问题 606 个"]


def test_cli_segment_refuses_binary_input_with_a_clear_error():
    proc = subprocess.run([sys.executable, "cli.py", "segment"], input=b"\x00\x01\x02\xff" * 64,
                          capture_output=True, cwd=ROOT)
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert err.startswith("error: -:") and "Traceback" not in err
