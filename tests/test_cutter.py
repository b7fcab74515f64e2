"""The cutter gives jieba's words, whichever of jieba-rs and jieba computes them."""

import importlib.util
import subprocess
import sys

import jieba
import pytest
import rjieba
from hypothesis import example, given
from hypothesis import strategies as st

from retrieval import cutter
from retrieval.cutter import Cutter
from retrieval.segment import DEFAULT_USER_DICT, normalise

from conftest import REPO, SEEDS
from strategies import chinese_text


@pytest.fixture(scope="module")
def reference():
    """jieba itself with the bundled user dictionary: what every cut is held to."""
    tokenizer = cutter._initialised(jieba.Tokenizer())
    tokenizer.load_userdict(str(DEFAULT_USER_DICT))
    return tokenizer


@pytest.fixture(scope="module")
def fast():
    return Cutter(DEFAULT_USER_DICT)


def test_every_line_of_the_archive_is_cut_as_jieba_cuts_it(reference, fast):
    lines = [line for page in sorted(SEEDS.glob("*.txt")) for line in page.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 1000
    for line in lines:
        assert fast.cut(line) == reference.lcut(line), line
        assert fast.cut(normalise(line)) == reference.lcut(normalise(line)), line


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("水深一般为26-40米", ["水深", "一般", "为", "26", "-", "40", "米"]),  # jieba-rs: 26-40
        ("发送e-mail给hs-dcs1000", ["发送", "e", "-", "mail", "给", "hs", "-", "dcs1000"]),
        ("升级到10.5.3版本", ["升级", "到", "10.5", ".", "3", "版本"]),  # a decimal stays whole
        ("增长3.5%", ["增长", "3.5%"]),
        ("x_y坐标", ["x", "_", "y", "坐标"]),
        ("中㐀文", ["中", "㐀", "文"]),  # extension A: not Chinese to jieba
        ("全力推进四城联创工作", ["全力", "推进", "四城联创", "工作"]),  # the user dictionary's slogan
    ],
)
def test_where_jieba_rs_would_cut_otherwise_the_words_are_jiebas(reference, fast, text, words):
    assert reference.lcut(text) == words
    assert fast.cut(text) == words


def test_tokens_say_where_each_word_stands(reference, fast):
    text = "示范区低收入群体2019-2020年排查出1713户"
    tokens = fast.tokenize(text)
    assert tokens == list(reference.tokenize(text))
    assert all(text[start:end] == word for word, start, end in tokens)


def test_user_dictionary_entries_count_as_they_do_for_jieba(tmp_path):
    """Frequencies, tags, a frequency of 0 (never a word), a byte-order mark and
    Windows line ends are read as jieba reads them."""
    user_dict = tmp_path / "userdict.txt"
    user_dict.write_text(
        "\ufeff测试词语 5\r\n新冠肺炎 100 n\n不要切 0\n示范 3 v\n\nhello世界 10\n蓝天保卫战 nz\n", encoding="utf-8"
    )
    reference = cutter._initialised(jieba.Tokenizer())
    reference.load_userdict(str(user_dict))
    fast = Cutter(user_dict)
    for text in ["测试词语很多", "新冠肺炎疫情", "不要切开这个不要切", "示范区示范", "hello世界你好", "打赢蓝天保卫战"]:
        assert fast.cut(text) == reference.lcut(text), text


def test_each_cutter_keeps_its_own_user_dictionary(tmp_path, monkeypatch):
    """The first cutter takes over the jieba-rs rjieba made on import; the next makes its own, so
    one archive's user dictionary never cuts another's text."""
    monkeypatch.setattr(cutter, "_UNCLAIMED", [rjieba.Jieba()])
    user_dict = tmp_path / "userdict.txt"
    user_dict.write_text("收入群体排 5000\n", encoding="utf-8")
    with_words, without = Cutter(user_dict), Cutter(None)
    assert "收入群体排" in with_words.cut("低收入群体排查")
    assert without.cut("低收入群体排查") == jieba.Tokenizer().lcut("低收入群体排查")


# What jieba-rs and jieba treat differently: letters and digits joined by symbols, ideographs
# outside jieba's Chinese range, emoji, spaces and line breaks.
JOINS = st.sampled_from("0123456789abcxyzABC-._%+#&/:, \t\n\r")
IDEOGRAPHS = st.sampled_from("㐀㛃䶵龦鿿豈𠀀😀")


@given(st.text(st.one_of(JOINS, IDEOGRAPHS, st.sampled_from("示范区年月日米元版本中国的是了")), max_size=40))
@example("e-mail")
@example("2019-2020年")
def test_any_text_is_cut_as_jieba_cuts_it(reference, fast, text):
    assert fast.cut(text) == reference.lcut(text)


@given(chinese_text)
def test_any_chinese_text_is_cut_as_jieba_cuts_it(reference, fast, text):
    assert fast.cut(text) == reference.lcut(text)


def test_jiebas_dictionary_loads_from_its_cache_as_jieba_builds_it(tmp_path):
    """A damaged cache is left to jieba, which rebuilds and rewrites it; read back whole, the cache
    gives the very dictionary jieba built, and the same words."""
    (tmp_path / "jieba.cache").write_bytes(b"not a cache")
    built, read = jieba.Tokenizer(), jieba.Tokenizer()
    built.tmp_dir = read.tmp_dir = str(tmp_path)
    cutter._initialised(built)
    cutter._initialised(read)
    assert read.initialized and read.FREQ == built.FREQ and read.total == built.total
    text = "示范区低收入群体排查出多少户"
    assert read.lcut(text) == built.lcut(text) == ["示范区", "低收入", "群体", "排查", "出", "多少", "户"]


@pytest.mark.skipif(importlib.util.find_spec("pkg_resources") is None, reason="setuptools is not installed")
def test_a_process_answering_never_imports_pkg_resources_and_jieba_still_reads_its_files():
    """setuptools' deprecated resource API took ~0.1-0.3 s of every start (a fifth of answering one
    question from the command line); jieba opens its dictionary and its HMM's tables itself."""
    script = (
        "import sys; from retrieval.pipeline import ArchiveQA; qa = ArchiveQA.from_folder(sys.argv[1]); qa.warm(); "
        "found = qa.ask('示范区低收入群体排查出多少户？'); print(found.span.text if found.span else None); "
        "print(qa.segmenter.tag('示范区'), qa.segmenter.words('示范区㐀排查')); print('pkg_resources' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script, str(SEEDS)], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["1713户", "n ['示范区', '㐀', '排查']", "False"]
