"""The newspaper reading of the real seed pages."""

import re
from collections import Counter

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.ingest import load_archive
from retrieval.layout import parse_page
from retrieval.reflow import ends_sentence
from retrieval.segment import normalise

from conftest import SEEDS
from strategies import chinese_text


def articles(archive, kind="article"):
    return [a for a in archive.articles if a.kind == kind]


def test_every_seed_page_splits_into_its_articles_and_captions(seed_archive):
    per_page = Counter((a.source[:3], a.kind) for a in seed_archive.articles)
    assert [per_page[(p, "article")] for p in ("000", "001", "002", "003", "004")] == [9, 9, 9, 12, 9]
    assert sum(per_page[(p, "caption")] for p in ("000", "001", "002", "003", "004")) == 7


def test_headlines_printed_after_the_body_belong_to_that_body(seed_archive):
    by_title = {a.title: a for a in articles(seed_archive)}
    qinyang = by_title["沁阳市党政考察团莅临示范区学习考察"]
    assert qinyang.paragraphs[0].startswith("4月24日下午，沁阳市党政考察团一行40余人")
    poverty = by_title["高起点高标准落实“两不愁、三保障” 示范区力争6月底前实现困难群众全保障"]
    assert "1713户2462人" in poverty.paragraphs[1]
    assert "示范区工商分局 “五办”举措暖心 企业落户安心" in by_title


def test_no_headline_is_glued_to_the_next_article(seed_archive):
    titles = [a.title for a in articles(seed_archive) if not a.title_inferred]
    for article in seed_archive.articles:
        for paragraph in article.paragraphs:
            assert not paragraph.startswith("本报讯")
            for title in titles:
                first_line = title.split(" ")[-1]
                assert not paragraph.endswith(first_line), (title, paragraph[-40:])
                assert not paragraph.startswith(title), (title, paragraph[:40])


def test_no_sentence_is_split_across_paragraphs(seed_archive):
    for article in articles(seed_archive):
        for paragraph in article.paragraphs:
            assert ends_sentence(paragraph), (article.title, paragraph[-30:])


def test_column_breaks_inside_a_sentence_are_mended(seed_archive):
    text = "".join(p for a in seed_archive.articles for p in a.paragraphs)
    assert "正确研判疫情影响下经济形势的走向" in text  # a blank line cut this sentence on page 000
    assert "会议强调，一是提高思想认识，扛牢政治责任。" in text  # and this one on page 003


def test_justified_spacing_is_removed_but_numbers_survive(seed_archive):
    text = "".join(p for a in seed_archive.articles for p in a.paragraphs)
    assert "当日上午，活动现场气氛热烈" in text
    assert "综合指数为6.278，同比下降23.8%" in text
    assert "PM2.5浓度为73微克/立方米" in text


def test_bylines_including_ones_broken_over_two_lines(seed_archive):
    bylines = {a.byline for a in articles(seed_archive)}
    assert "记者郭树勋" in bylines
    assert "记者郭树勋 通讯员赵乐" in bylines
    assert "本报记者 付凯明" in bylines  # a feature's byline on its own line


def test_photo_captions_are_their_own_items_with_credit(seed_archive):
    captions = articles(seed_archive, "caption")
    xiagong = next(c for c in captions if c.paragraphs[0].startswith("厦工焦作生产基地抓住机械销售旺季"))
    assert xiagong.byline == "本报记者 郭树勋 摄"
    assert "夜幕中的东小巷。" in [c.paragraphs[0] for c in captions]
    body = "".join(p for a in articles(seed_archive) for p in a.paragraphs)
    assert "摄" not in re.sub(r"拍摄|摄像|摄影", "", body)


def test_articles_printed_without_headline_are_titled_by_their_lead(seed_archive):
    untitled = [a for a in articles(seed_archive) if a.title_inferred]
    assert {a.title for a in untitled} == {
        "示范区举行“四城联创”第一次攻坚例会",
        "4月15日是我国第5个全民国家安全教育日",
        "示范区召开党工委（扩大）会议",
    }


def test_no_text_of_a_page_is_lost(seed_archive):
    def chinese(text):
        return len(re.findall(r"[\u4e00-\u9fff]", text))

    for page in sorted(SEEDS.glob("*.txt")):
        items = [a for a in seed_archive.articles if a.source == page.name]
        kept = sum(
            chinese(a.byline) + chinese("" if a.title_inferred else a.title) + sum(chinese(p) for p in a.paragraphs)
            for a in items
        )
        assert kept / chinese(page.read_text(encoding="utf-8")) > 0.99, page.name


@pytest.mark.parametrize("script", ["s2t", "s2tw"])  # OpenCC's traditional forms (爲), and Taiwan's (為)
def test_a_page_printed_in_traditional_characters_is_read_as_the_same_items(script):
    """Headlines wrapped at 召開 or 蒞臨, captions opening 圖為, bylines 本報記者: what the simplified
    page is read as, character for character once both are simplified."""
    convert = opencc.OpenCC(script).convert
    for page in sorted(SEEDS.glob("*.txt")):
        simplified = parse_page(page.read_text(encoding="utf-8"))
        traditional = parse_page(convert(page.read_text(encoding="utf-8")))
        assert [
            (item.kind, normalise(item.title), normalise(item.byline), len(item.paragraphs)) for item in traditional
        ] == [
            (item.kind, normalise(item.title), normalise(item.byline), len(item.paragraphs)) for item in simplified
        ], page.name


def test_a_made_up_page_with_the_same_conventions():
    page = "\n".join(
        [
            "本报讯（记者张三） 5 月 1 日上",
            "午，某区召开会议，研究部署",
            "工作。",
            "",
            "会议要求，要加强领导，确保",
            "",
            "各项任务落到实处。",
            "",
            "某区召开工作会议",
            "本报讯（记者李四）近日，某镇",
            "完成改造任务。",
            "",
            "某镇完成改造",
            "",
        ]
    )
    items = parse_page(page)
    assert [(i.title, i.byline) for i in items] == [("某区召开工作会议", "记者张三"), ("某镇完成改造", "记者李四")]
    assert items[0].paragraphs == [
        "5月1日上午，某区召开会议，研究部署工作。",
        "会议要求，要加强领导，确保各项任务落到实处。",
    ]


# ---------------------------------------------------------------- properties: re-wrapped seed pages

SEED_ARTICLES = [
    a for a in load_archive(SEEDS).articles if a.kind == "article" and not a.title_inferred and len(a.title) <= 40
]
NAMES = ["郭树勋", "杨帆", "付凯明", "李想"]


def _visible(text: str) -> str:
    return re.sub(r"\s+", "", text)


@st.composite
def printed_page(draw):
    """A page printed the way the seeds are: each article's body wrapped at a column width, with
    column breaks (blank lines) and justified lines anywhere, its headline after it, and photo
    captions between articles. Returns the page and what it holds."""
    chosen = draw(st.lists(st.sampled_from(SEED_ARTICLES), min_size=1, max_size=3))
    lines: list[str] = []
    bodies, captions = [], []
    for article in chosen:
        width = draw(st.integers(10, 20))
        byline = f"记者{draw(st.sampled_from(NAMES))}"
        for number, paragraph in enumerate(article.paragraphs):
            text = (f"本报讯（{byline}）" if number == 0 else "") + paragraph
            for start in range(0, len(text), width):
                line = text[start : start + width]
                if draw(st.integers(0, 9)) == 0:
                    lines.append("")  # a column break
                if draw(st.integers(0, 4)) == 0:
                    line = " ".join(line)  # justified
                lines.append(line)
        title = _visible(article.title)
        cut = draw(st.integers(0, len(title) - 1))
        lines += [""] + [part for part in (title[:cut], title[cut:]) if part]
        bodies.append("".join(article.paragraphs) + title)
        if draw(st.booleans()):
            caption = (
                f"图为{draw(st.sampled_from(['示范区开展植树活动', '与会人员参观企业生产车间', '志愿者在社区清扫']))}。"
            )
            lines += [""] + [caption[i : i + 8] for i in range(0, len(caption), 8)]
            lines.append(f"本报记者 {draw(st.sampled_from(NAMES))} 摄")
            captions.append(caption.removeprefix("图为"))
        lines.append("")
    return "\n".join(lines), bodies, captions


@given(printed_page())
def test_rewrapped_pages_keep_every_character_of_every_body_once(page):
    text, bodies, captions = page
    items = parse_page(text)
    read = "".join(_visible("".join(item.paragraphs) + item.title) for item in items if item.kind == "article")
    assert read == _visible("".join(bodies))
    assert [_visible(item.paragraphs[0]) for item in items if item.kind == "caption"] == captions


@given(chinese_text)
def test_any_text_reads_as_a_page_without_error(text):
    for item in parse_page(text):
        assert item.kind in ("article", "caption") and all(item.paragraphs)


# ---------------------------------------------------------------- headlines as printed


def titles(archive) -> set[str]:
    return {a.title for a in articles(archive)}


def test_a_headline_that_wrapped_joins_without_a_space(seed_archive):
    printed = titles(seed_archive)
    assert "示范区举行全民国家安全教育日宣传活动" in printed  # 全民国家|安全: the body says 国家安全
    assert "示范区召开宣传思想文化工作会议" in printed  # the line stopped at 召开
    assert "示范区召开“三圈三部位”专项整治暨“四城联创”工作推进会" in printed  # the next began with 暨
    assert "打造人民满意城管 示范区城管局被省住建厅授予“表现突出单位”荣誉称号" in printed  # kicker, then a wrap
    assert "沁阳市党政考察团莅临示范区学习考察" in printed  # a line does not open with 莅临
    assert "中商（威海）控股集团客人到示范区参观考察" in printed
    assert "根治欠薪实现“三个明显下降” 示范区劳动保障监察大队喜获省级荣誉称号" in printed


def test_kicker_main_and_sub_headline_keep_their_space(seed_archive):
    printed = titles(seed_archive)
    assert "示范区工商分局 “五办”举措暖心 企业落户安心" in printed
    assert "创新机制 合力攻坚 群众参与 苏家作乡多措并举推进“四城联创”" in printed
    assert "全民参与共建美好家园 示范区举行“脚板+手指 你我齐努力”活动启动仪式" in printed  # the slogan's own space


def test_titles_the_page_did_not_print_say_where_they_come_from(seed_archive):
    sources = Counter(a.title_source for a in seed_archive.articles)
    assert sources == {"headline": 45, "lead": 3, "caption": 7}


def test_a_photo_caption_belongs_to_the_article_it_illustrates_and_takes_its_date(seed_archive):
    by_number = {(a.source, a.number): a for a in seed_archive.articles}
    linked = {a.title: by_number.get((a.source, a.illustrates)) for a in articles(seed_archive, "caption")}
    assert linked["食客在东小巷就餐"].title == "东小巷激活“夜经济”"
    meeting = next(
        caption for caption in articles(seed_archive, "caption") if caption.title.startswith("示范区生态文明")
    )
    assert by_number[(meeting.source, meeting.illustrates)].title.startswith("示范区召开生态文明建设")
    assert meeting.date.iso() == "2019-11-09"  # the meeting's dateline, not the page's month
    assert linked["厦工焦作生产基地抓住机械销售旺季"] is None  # photo news of its own


def test_a_caption_is_never_cited_ahead_of_its_article(seed_qa):
    for question in ("示范区生态文明建设暨秋冬季大气污染防治推进会", "东小巷就餐的食客", "夜幕中的东小巷"):
        keys = [(hit.passage.article.source, hit.passage.article.number) for hit in seed_qa.ask(question).hits]
        for position, hit in enumerate(seed_qa.ask(question).hits):
            article = hit.passage.article
            if article.kind == "caption" and (article.source, article.illustrates) in keys:
                assert keys.index((article.source, article.illustrates)) < position, question
