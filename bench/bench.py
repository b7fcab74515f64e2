"""Speed and memory, side by side: archive-qa, rank-bm25 used directly, and bm25s.

    python bench/bench.py 10000 100000 1000000

builds, for each size (in paragraphs), a synthetic archive from the real news
sentences in ../shared/corpora (SIGHAN 2005 PKU and MSR gold files: read here,
never committed), then measures every system in fresh processes and prints one
table: build time and throughput, adding one page to the built index, index size on disk,
cold load (a fresh process until it can answer), its first answer (what a fresh `archive-qa ask`
waits for: the models are read when first needed) and opening the index alone, query latency
(p50/p99 over 300 synthetic questions, three consecutive corpus words + 是什么, and
over the 1,002 real questions of the CMRC 2018 trial set, which carry frequent
words) and peak memory (building: the builder, and in brackets its largest page-reading worker).
archive-qa's query time is the whole answer (retrieval
with dynamic pruning, re-ranking, the short answer and three snippets; a second
row scores every posting, as before pruning; a third is retrieval alone, what the
peers' rows measure: their top-3 retrieval). rank-bm25 is skipped above
--rank-bm25-max paragraphs, where a single query takes seconds, and bm25s above
--bm25s-max, whose build would not fit in memory. Under the table, each archive-qa row's
real-question p99 over its median, and its speed-up over bm25s at the median. archive-qa's index
is read through once before its questions (when it fits in half the free memory), as a machine
that has been answering holds it in the page cache; bm25s holds its index in memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpora"
QUESTIONS = 300
RETRIEVAL_ONLY = "archive-qa, retrieval only (BM25 top 3, as bm25s)"


def sentences() -> list[tuple[str, list[str]]]:
    """(text, words) of every sentence of the SIGHAN gold files."""
    found = []
    for name in ("pku_test_gold.utf8", "msr_test_gold.utf8"):
        for line in (CORPORA / name).read_text(encoding="utf-8").splitlines():
            words: list[str] = []
            for word in line.split():
                words.append(word)
                if word in ("。", "！", "？"):
                    found.append(("".join(words), words))
                    words = []
            if len(words) > 3:
                found.append(("".join(words), words))
    return found


def make_archive(paragraphs: int, folder: Path | None, seed: int = 1) -> tuple[int, list[str]]:
    """JSON-lines pages of dated articles of 4-8 paragraphs; returns characters written and questions.
    Without a folder, only the questions (the same ones: they come from the first pages)."""
    rng = random.Random(seed)
    pool = sentences()
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    written = 0
    questions = []
    article = 0
    page: list[str] = []
    made = 0
    while made < paragraphs:
        count = min(rng.randint(4, 8), paragraphs - made)
        texts = []
        for _ in range(count):
            chosen = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
            texts.append("".join(text for text, _ in chosen))
            if len(questions) < QUESTIONS and rng.random() < 0.05:
                words = [w for w in chosen[0][1] if re.search(r"[\u4e00-\u9fff]{2,}", w)]
                if len(words) >= 3:
                    start = rng.randrange(len(words) - 2)
                    questions.append("".join(words[start : start + 3]) + "是什么？")
        made += count
        article += 1
        if folder is None and len(questions) == QUESTIONS:
            break
        day = rng.randrange(7300)
        date = time.strftime("%Y-%m-%d", time.gmtime(978307200 + day * 86400))
        title = texts[0][:14]
        page.append(
            json.dumps(
                {"date": date, "title": title, "source": f"page{article // 200:05d}", "text": "\n\n".join(texts)},
                ensure_ascii=False,
            )
        )
        written += sum(map(len, texts))
        if folder is not None and len(page) == 200:
            (folder / f"page{article // 200:05d}.jsonl").write_text("\n".join(page) + "\n", encoding="utf-8")
            page = []
    if folder is not None and page:
        (folder / f"page{article // 200 + 1:05d}.jsonl").write_text("\n".join(page) + "\n", encoding="utf-8")
    return written, questions


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def read_through(folder: Path) -> None:
    """Every file of an index read once, so that answering is measured with its pages in the page
    cache, as on a machine that has been answering for a while, not after the kernel let them go
    (some machines drop pages left alone for minutes: a 10,000,000 run measured 7.58 / 45.43 ms at
    p50 / p99 where the next measured 5.32 / 23.93). Skipped when it would not fit in half the
    memory that is free."""
    free = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    if folder_size(folder) > free // 2:
        return
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as file:
                while file.read(1 << 24):
                    pass


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_mb() -> dict:
    """What this process holds now: allocated (anonymous) memory, and pages of mapped files (the
    index), which the page cache shares with every process that maps them (Linux only)."""
    found = {}
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("RssAnon", "RssFile"):
                found[name] = int(value.split()[0]) / 1024
    return {"anon_mb": found.get("RssAnon"), "mapped_mb": found.get("RssFile")}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def paragraphs_of(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts.extend(json.loads(line)["text"].split("\n\n"))
    return texts


# ------------------------------------------------------------------ one system, in its own process


def run_archive_qa_build(archive: Path, cache: Path) -> dict:
    sys.path.insert(0, str(REPO))
    from retrieval import writer
    from retrieval.segment import Segmenter

    started = time.perf_counter()
    writer.build(archive, cache, Segmenter(), workers=os.cpu_count())
    return {
        "build_s": time.perf_counter() - started,
        "disk_mb": folder_size(cache) / 2**20,
        "peak_mb": peak_mb(),
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,  # the largest worker
    }


def run_archive_qa_add(archive: Path, cache: Path) -> dict:
    """One page added to the built index, as ``archive-qa index`` does it (the segmenter made
    first, as the command does before it looks at the archive). The archive and index are
    hard-linked copies: the index writer never changes a file it has written."""
    sys.path.insert(0, str(REPO))
    from retrieval import writer
    from retrieval.segment import Segmenter

    grown, copy = archive.with_name(archive.name + "-plus-one"), cache.with_name(cache.name + "-plus-one")
    for folder in (grown, copy):
        shutil.rmtree(folder, ignore_errors=True)
    subprocess.run(["cp", "-al", str(archive), str(grown)], check=True)
    subprocess.run(["cp", "-al", str(cache), str(copy)], check=True)
    first = sorted(archive.glob("*.jsonl"))[0]
    (grown / "zz-added-page.jsonl").write_text(first.read_text(encoding="utf-8").replace("的", "之"), encoding="utf-8")
    segmenter = Segmenter()
    started = time.perf_counter()
    done = writer.build(grown, copy, segmenter, workers=os.cpu_count())
    added = time.perf_counter() - started
    for folder in (grown, copy):
        shutil.rmtree(folder, ignore_errors=True)
    assert done["segmented"] == 1, done
    return {"add_s": added}


def run_archive_qa_serve(archive: Path, cache: Path, questions: dict, prune: bool = True) -> dict:
    started = time.perf_counter()
    sys.path.insert(0, str(REPO))
    from bot.memory import ready
    from retrieval import index
    from retrieval.pipeline import ArchiveQA

    if not prune:
        index.PRUNE_FROM = sys.maxsize  # score every posting, as before dynamic pruning
    qa = ArchiveQA.from_folder(archive, cache=cache, update=False)
    load = time.perf_counter() - started
    qa.ask(questions["real"][0])  # what a fresh `archive-qa ask` waits for: the models read when first needed
    first = time.perf_counter() - started
    ready(qa)  # warmed and settled, as every front end that keeps answering does
    opened = time.perf_counter()
    ArchiveQA.from_folder(archive, qa.segmenter, cache=cache, update=False)  # the index alone, jieba ready
    open_s = time.perf_counter() - opened

    def answer(question: str) -> None:
        """The whole answer as a reader gets it: ranked, re-ranked, the short answer and the
        first three snippets."""
        found = qa.ask(question)
        _ = found.span, [hit.snippet for hit in found.hits[:3]]

    measured = latencies(answer, questions)
    let_go = qa.budget.times_let_go if qa.budget else 0  # the index's mapped pages, beyond --memory's 2G
    return {
        "load_s": load,
        "first_s": first,
        "open_s": open_s,
        **measured,
        "peak_mb": peak_mb(),
        **resident_mb(),
        "let_go": let_go,
    }


def run_archive_qa_exhaustive(archive: Path, cache: Path, questions: dict) -> dict:
    return run_archive_qa_serve(archive, cache, questions, prune=False)


def run_archive_qa_retrieval(archive: Path, cache: Path, questions: dict) -> dict:
    """What the bm25s row measures, for archive-qa: the question segmented (analysed once) and
    BM25's top 3 from the index; no re-ranking, short answer or snippets. Its memory is kept
    within the budget as a serving process keeps it."""
    started = time.perf_counter()
    sys.path.insert(0, str(REPO))
    from retrieval.pipeline import ArchiveQA

    qa = ArchiveQA.from_folder(archive, cache=cache, update=False)
    load = time.perf_counter() - started

    def answer(question: str) -> None:
        terms = list(qa.analyser.analyse(question).terms)
        if terms:
            qa.index.top(terms, 3)
        if qa.budget is not None:  # within --memory, as a process that answers stays (~7 µs)
            qa.budget.check()

    return {"load_s": load, **latencies(answer, questions), "peak_mb": peak_mb(), **resident_mb()}


def latencies(answer, questions: dict) -> dict:
    """p50 and p99 in ms over the synthetic questions and over the real ones, after one warm-up."""
    answer(questions["synthetic"][0])
    measured = {}
    for name, prefix in (("synthetic", ""), ("real", "real_")):
        times = []
        for question in questions[name]:
            begun = time.perf_counter()
            answer(question)
            times.append((time.perf_counter() - begun) * 1000)
        measured[f"{prefix}p50_ms"] = percentile(times, 0.5)
        measured[f"{prefix}p99_ms"] = percentile(times, 0.99)
    return measured


def real_questions() -> list[str]:
    """CMRC 2018 trial questions: real questions, which mention frequent words."""
    data = json.loads((REPO.parent / "shared" / "eval" / "cmrc2018_trial.json").read_text(encoding="utf-8"))
    asked = [qa["question"] for entry in data["data"] for paragraph in entry["paragraphs"] for qa in paragraph["qas"]]
    return [question for question in asked if question.strip()]


def _jieba_tokens(texts: list[str]) -> list[list[str]]:
    import jieba

    return [[w for w in jieba.lcut(text) if re.search(r"\w", w)] for text in texts]


def run_rank_bm25(archive: Path, cache: Path, questions: list[str]) -> dict:
    import numpy as np
    from rank_bm25 import BM25Okapi

    texts = paragraphs_of(archive)
    started = time.perf_counter()
    model = BM25Okapi(_jieba_tokens(texts))
    build = time.perf_counter() - started
    import jieba

    def answer(question: str) -> None:
        scores = model.get_scores([w for w in jieba.lcut(question) if re.search(r"\w", w)])
        np.argpartition(-scores, 3)[:3]

    return {"build_s": build, **latencies(answer, questions), "peak_mb": peak_mb()}


def run_bm25s_build(archive: Path, cache: Path) -> dict:
    import bm25s

    texts = paragraphs_of(archive)
    started = time.perf_counter()
    model = bm25s.BM25()
    model.index(_jieba_tokens(texts), show_progress=False)
    model.save(str(cache))
    return {"build_s": time.perf_counter() - started, "disk_mb": folder_size(cache) / 2**20, "peak_mb": peak_mb()}


def run_bm25s_serve(archive: Path, cache: Path, questions: list[str]) -> dict:
    started = time.perf_counter()
    import bm25s
    import jieba

    model = bm25s.BM25.load(str(cache))
    jieba.initialize()
    load = time.perf_counter() - started

    def answer(question: str) -> None:
        tokens = [w for w in jieba.lcut(question) if re.search(r"\w", w)]
        if tokens:
            model.retrieve([tokens], k=3, show_progress=False, n_threads=1)

    answer(questions["real"][0])
    first = time.perf_counter() - started
    return {"load_s": load, "first_s": first, **latencies(answer, questions), "peak_mb": peak_mb()}


RUNS = {
    "archive-qa-build": run_archive_qa_build,
    "archive-qa-add": run_archive_qa_add,
    "archive-qa-serve": run_archive_qa_serve,
    "archive-qa-exhaustive": run_archive_qa_exhaustive,
    "archive-qa-retrieval": run_archive_qa_retrieval,
    "rank-bm25": run_rank_bm25,
    "bm25s-build": run_bm25s_build,
    "bm25s-serve": run_bm25s_serve,
}


def in_process(name: str, archive: Path, cache: Path, questions: dict) -> dict:
    """Run one measurement in a fresh Python, so load times and peak memory are its own."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as file:
        json.dump(questions, file, ensure_ascii=False)
    try:
        result = subprocess.run(
            [sys.executable, __file__, "--run", name, str(archive), str(cache), file.name],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
    finally:
        os.unlink(file.name)
    if result.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _row(name: str, size: int, chars: int, build: dict, serve: dict) -> tuple:
    """One line of the table from a build run and a serving run (the same run for rank-bm25,
    which keeps nothing on disk; no build for a run that only answers)."""
    build_s = build.get("build_s")
    return (
        name,
        size,
        build_s,
        chars / build_s if build_s else None,
        build.get("add_s"),
        build.get("disk_mb"),
        serve.get("load_s"),
        serve.get("first_s"),
        serve.get("open_s"),
        serve["p50_ms"],
        serve["p99_ms"],
        serve["real_p50_ms"],
        serve["real_p99_ms"],
        build.get("peak_mb"),
        build.get("worker_peak_mb"),
        serve["peak_mb"],
        serve.get("anon_mb"),
        serve.get("mapped_mb"),
        serve.get("let_go"),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000], help="paragraphs per archive")
    parser.add_argument("--rank-bm25-max", type=int, default=100_000)
    parser.add_argument(
        "--bm25s-max", type=int, default=3_000_000, help="bm25s holds its build in memory: ~5.6 GB at 1M paragraphs"
    )
    parser.add_argument("--no-exhaustive", action="store_true", help="skip the row that scores every posting")
    parser.add_argument(
        "--serve-only",
        action="store_true",
        help="measure answering only (bm25s too, if its index is there), over what an earlier run left in --work",
    )
    parser.add_argument("--work", type=Path, help="where archives and indexes go (default: a temporary folder)")
    parser.add_argument("--run", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        name, archive, cache, questions = args.run
        questions = json.loads(Path(questions).read_text(encoding="utf-8"))
        function = RUNS[name]
        extra = (questions,) if name not in ("archive-qa-build", "archive-qa-add", "bm25s-build") else ()
        print(json.dumps(function(Path(archive), Path(cache), *extra)))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="archive-qa-bench-"))
    real = real_questions()
    rows = []
    for size in args.sizes:
        archive, ours = work / f"archive-{size}", work / f"index-{size}"
        if args.serve_only:
            _, synthetic = make_archive(size, None)
            questions = {"synthetic": synthetic, "real": real}
            read_through(ours)
            serve = in_process("archive-qa-serve", archive, ours, questions)
            rows.append(_row("archive-qa (answering only)", size, 0, {}, serve))
            if not args.no_exhaustive:
                exhaustive = in_process("archive-qa-exhaustive", archive, ours, questions)
                rows.append(_row("archive-qa, every posting scored", size, 0, {}, exhaustive))
            retrieval = in_process("archive-qa-retrieval", archive, ours, questions)
            rows.append(_row(RETRIEVAL_ONLY, size, 0, {}, retrieval))
            theirs = work / f"bm25s-{size}"
            if size <= args.bm25s_max and theirs.exists():  # the peer, over the index it built then
                rows.append(
                    _row("bm25s (answering only)", size, 0, {}, in_process("bm25s-serve", archive, theirs, questions))
                )
            continue
        shutil.rmtree(archive, ignore_errors=True)
        chars, synthetic = make_archive(size, archive)
        questions = {"synthetic": synthetic, "real": real}
        print(f"# {size:,} paragraphs, {chars:,} characters, {len(synthetic)} + {len(real)} questions", file=sys.stderr)
        shutil.rmtree(ours, ignore_errors=True)
        build = in_process("archive-qa-build", archive, ours, questions)
        build.update(in_process("archive-qa-add", archive, ours, questions))
        read_through(ours)
        serve = in_process("archive-qa-serve", archive, ours, questions)
        rows.append(_row("archive-qa", size, chars, build, serve))
        if not args.no_exhaustive:
            exhaustive = in_process("archive-qa-exhaustive", archive, ours, questions)
            rows.append(_row("archive-qa, every posting scored", size, chars, build, exhaustive))
        retrieval = in_process("archive-qa-retrieval", archive, ours, questions)
        rows.append(_row(RETRIEVAL_ONLY, size, chars, build, retrieval))
        if size <= args.rank_bm25_max:
            direct = in_process("rank-bm25", archive, ours, questions)
            rows.append(_row("rank-bm25", size, chars, direct, direct))
        if size <= args.bm25s_max:
            theirs = work / f"bm25s-{size}"
            shutil.rmtree(theirs, ignore_errors=True)
            build = in_process("bm25s-build", archive, theirs, questions)
            serve = in_process("bm25s-serve", archive, theirs, questions)
            rows.append(_row("bm25s", size, chars, build, serve))
    print(
        "| system | paragraphs | build s | build chars/s | add a page s | index MB | cold load s | first answer s "
        "| index open s "
        "| query p50 ms | query p99 ms | real p50 ms | real p99 ms | peak MB build (largest worker) "
        "| peak MB serving | after the questions: MB allocated + index pages mapped (times let go) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        (
            system,
            size,
            build_s,
            rate,
            add,
            disk,
            load,
            first,
            opened,
            p50,
            p99,
            real_p50,
            real_p99,
            peak,
            worker,
            serving,
            anon,
            mapped,
            let_go,
        ) = row

        def cell(value, form):
            return "-" if value is None else format(value, form)

        resident = "-" if anon is None else f"{anon:,.0f} + {cell(mapped, ',.0f')}"
        if let_go:
            resident += f" (let go {let_go}×)"

        print(
            f"| {system} | {size:,} | {cell(build_s, '.1f')} | {cell(rate, ',.0f')} | {cell(add, '.2f')} "
            f"| {cell(disk, ',.0f')} | {cell(load, '.2f')} | {cell(first, '.2f')} | {cell(opened, '.2f')} "
            f"| {p50:.2f} | {p99:.2f} "
            f"| {real_p50:.2f} | {real_p99:.2f} | {cell(peak, ',.0f')}{f' ({worker:,.0f})' if worker else ''} "
            f"| {serving:,.0f} | {resident} |"
        )
    for line in _against_bm25s(rows):
        print(line)
    return 0


def _against_bm25s(rows: list[tuple]) -> list[str]:
    """Each archive-qa row's median against bm25s's over the same questions (how many times
    faster), and its real questions' p99 over their median: the issue's targets, read off the table."""
    system, size, p50, real_p50, real_p99 = 0, 1, 9, 11, 12  # where ``_row`` puts them
    lines = []
    for each in dict.fromkeys(row[size] for row in rows):
        theirs = next((row for row in rows if row[size] == each and row[system].startswith("bm25s")), None)
        for row in rows:
            if row[size] != each or not row[system].startswith("archive-qa"):
                continue
            line = f"{each:,}, {row[system]}: real p99 = {row[real_p99] / row[real_p50]:.1f}× p50"
            if theirs is not None:
                line += (
                    f"; speed-up over bm25s at p50: {theirs[p50] / row[p50]:.1f}× synthetic, "
                    f"{theirs[real_p50] / row[real_p50]:.1f}× real"
                )
            lines.append(line)
    return ["", *lines] if lines else []


if __name__ == "__main__":
    sys.exit(main())
