"""Hypothesis strategies for the text this project reads: questions, dates, OCR'd pages."""

from __future__ import annotations

from hypothesis import strategies as st

NUMERALS = "〇零○一二两三四五六七八九十百千万0123456789０１２３４５６７８９"
DATE_WORDS = "年月日号份代世纪至到~～—－-底前后起以初中末"
PUNCTUATION = "，。；：！？、“”‘’（）《》【】…—·,.;:!?()[]<>&\"' \t\n\u3000\u00a0"
COMMON = "示范区召开会议党工委书记低收入群体户人元项目中国的是在了和有"
ANY = st.characters(codec="utf-8")

# Text leaning on what the parsers look for, mixed with anything at all (emoji, controls, surrogates excluded).
chinese_text = st.text(st.one_of(st.sampled_from(NUMERALS + DATE_WORDS + PUNCTUATION + COMMON), ANY), max_size=80)
