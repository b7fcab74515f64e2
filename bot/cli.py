"""The ``archive-qa`` command: ask, index, eval (and the front ends)."""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from retrieval import (
    DEFAULT_K,
    FACT,
    Answer,
    ArchiveError,
    ArchiveQA,
    Article,
    BadQuestion,
    CitedHit,
    Conversation,
    DateRange,
    Scores,
    asks_for_article,
    cli_range,
    default_cache,
    evaluate,
    load_feedback,
    load_squad,
    load_tsv,
)

from . import render
from .config import ConfigError, byte_size, load_settings
from .memory import ready

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
log = logging.getLogger("archive_qa")


def load(args: argparse.Namespace, progress=None) -> ArchiveQA:
    """The archive's index, brought up to date (only new or changed pages are segmented)."""
    building = {"compact": args.compact} if args.run is cmd_index else {}
    with _cluster(getattr(args, "dask", None)) as executor:
        qa = ArchiveQA.from_folder(
            args.archive,
            cache=args.settings.cache,
            snippet_chars=args.settings.snippet_chars,
            progress=progress,
            memory=args.settings.memory if args.memory is None else args.memory,
            executor=executor,
            **building,
        )
    if qa.updated.get("rebuilt_because"):
        print(f"archive-qa: the index was rebuilt: {qa.updated['rebuilt_because']}", file=sys.stderr)
    if progress is None:
        for problem in qa.report.problems:
            print(f"archive-qa: warning: {problem}", file=sys.stderr)
    return qa


def load_to_serve(args: argparse.Namespace) -> ArchiveQA:
    """The archive for a front end that answers until stopped: everything answering needs loaded
    before the first reader asks, and out of the collector's way."""
    return ready(load(args))


def cmd_ask(args: argparse.Namespace) -> int:
    date_range = _date_options(args)
    if args.question:
        questions: Iterable[str] = [_readable(" ".join(args.question))]
    elif sys.stdin.isatty():
        print("archive-qa: give a question, or pipe questions one a line on standard input", file=sys.stderr)
        return EXIT_USAGE
    else:
        questions = _lines(sys.stdin)
    qa = load(args)
    batch = Batch()
    conversation = Conversation() if args.conversation else None
    for question in questions:
        number = asks_for_article(question) if conversation is not None else None
        if conversation is not None and number is not None:  # 全文 n typed: the article of entry n
            _print_article(args, question, number, qa.article(conversation, number))
            continue
        answer = batch.answer(lambda q: qa.ask(q, conversation, date_range), question)
        if isinstance(answer, str):
            _print_refusal(args, question, answer)
        elif conversation is not None and conversation.reading:
            # a conversation reads its answer a page at a time: 更多 prints the next citations (a
            # list is printed whole at once)
            reading = conversation.reading
            page = reading.next(args.k if answer.query.kind == FACT else len(answer.entries))
            _print_answer(args, answer, heading=not args.question, page=page if answer.query.kind == FACT else None)
        else:
            _print_answer(args, answer, heading=not args.question)
    if not batch.asked:
        print("archive-qa: no questions on standard input", file=sys.stderr)
        return EXIT_BAD_INPUT
    return batch.status


def cmd_timeline(args: argparse.Namespace) -> int:
    date_range = _date_options(args)
    topic = _readable(" ".join(args.topic))
    qa = load(args)
    try:
        answer = qa.timeline(topic, date_range)
    except BadQuestion as error:
        _print_refusal(args, topic, render.refusal(error))
        return EXIT_BAD_INPUT
    _print_answer(args, answer)
    return EXIT_OK


def cmd_contents(args: argparse.Namespace) -> int:
    qa = load(args)
    try:
        answer = qa.contents(_readable(args.selector or ""))
    except ValueError as error:
        raise UsageError(str(error)) from None
    _print_answer(args, answer)
    return EXIT_OK


class UsageError(Exception):
    """Options that cannot be used: said on standard error, exit 2."""


def _date_options(args: argparse.Namespace) -> DateRange | None:
    """The --from/--to range (None when not given)."""
    try:
        return cli_range(args.date_from, args.date_to)
    except ValueError as error:
        raise UsageError(str(error)) from None


def _print_answer(
    args: argparse.Namespace, answer: Answer, heading: bool = False, page: list[CitedHit] | None = None
) -> None:
    """An answer on standard output: JSON, or text with ``k`` citations (a list prints every item),
    or the citations of ``page``."""
    if args.json:
        print(json.dumps(render.answer_json(answer, args.k, page), ensure_ascii=False), flush=True)
        return
    if heading:
        print(f"问：{answer.question}")
    entries = page if page is not None else answer.entries if answer.query.kind != FACT else answer.entries[: args.k]
    print(render.answer_text(answer, entries, colour=sys.stdout.isatty()) + ("\n" if heading else ""), flush=True)


def _print_article(args: argparse.Namespace, question: str, number: int, article: Article | None) -> None:
    """全文 n in a conversation: the whole article of entry n, or why there is none."""
    if article is None:
        _print_refusal(args, question, render.not_shown(number))
    elif args.json:
        print(json.dumps({"question": question, "article": render.article_json(article)}, ensure_ascii=False))
    else:
        print(render.article_text(article) + "\n", flush=True)


def _print_refusal(args: argparse.Namespace, question: str, message: str) -> None:
    if args.json:
        print(json.dumps(render.error_json(question, message), ensure_ascii=False), flush=True)
    else:
        print(f"archive-qa: {message}", file=sys.stderr)


class Batch:
    """Answers questions one by one; a question that cannot be answered never stops the others.

    A question with nothing to search is refused with its reason (exit 1 at the end); one whose
    answering fails unexpectedly is logged with its traceback and reported (exit 3 at the end).
    """

    def __init__(self) -> None:
        self.asked = self.refused = self.failed = 0

    def answer(self, ask: Callable[[str], Answer], question: str) -> Answer | str:
        """The answer, or the message to give instead."""
        self.asked += 1
        try:
            return ask(question)
        except BadQuestion as error:
            self.refused += 1
            return render.refusal(error)
        except Exception as error:  # noqa: BLE001 - one question must not end the batch
            self.failed += 1
            log.error("could not answer %r", question, exc_info=True)
            return render.failure(error)

    @property
    def status(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_BAD_INPUT if self.refused else EXIT_OK


def _readable(text: str) -> str:
    """Arguments that were not valid UTF-8 reach Python as surrogates: show them as U+FFFD instead."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _lines(stream: TextIO) -> Iterator[str]:
    """Non-blank lines of a text stream as they arrive; bytes that are not UTF-8 become U+FFFD
    rather than stopping the batch."""
    buffer = getattr(stream, "buffer", None)
    lines = io.TextIOWrapper(buffer, encoding="utf-8", errors="replace", newline=None) if buffer else stream
    for line in lines:
        if line.strip():
            yield line.rstrip("\r\n")


def cmd_index(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    with Progress() as progress:
        qa = load(args, progress)
    stats = qa.stats()
    report = qa.report
    kinds: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    untitled = 0
    for article in qa.articles:  # one at a time: an archive's articles need not fit in memory
        kinds[article.kind] += 1
        sources[article.date_source or "undated"] += 1
        untitled += article.kind == "article" and article.title_inferred
    print(f"archive: {args.archive}")
    done = qa.updated
    print(f"index: {args.settings.cache or default_cache(args.archive)}")
    print(
        f"  up to date in {time.perf_counter() - started:.1f} s: {done['segmented']} page(s) segmented, "
        f"{done['reused']} unchanged, {done['removed']} removed; {done['segments']} segment(s)"
    )
    if done.get("resumed"):
        print(f"  went on from a first build stopped midway: the {done['resumed']} page(s) it had read were kept")
    print(
        f"pages read: {stats.pages}  ({', '.join(f'{n} {e}' for e, n in Counter(report.encodings.values()).items())})"
    )
    print(
        f"articles: {stats.articles}  ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}; "
        f"{untitled} printed without headline)"
    )
    print(
        f"dates: {stats.first_date or '-'} to {stats.last_date or '-'}  "
        f"({', '.join(f'{n} from {s}' for s, n in sorted(sources.items()))})"
    )
    print(f"passages indexed: {stats.passages}")
    print(f"problems: {len(report.problems)}")
    for problem in report.problems:
        print(f"  - {problem}")
    return EXIT_OK


DASK_CONNECT_SECONDS = 10  # a scheduler that does not answer within this is reported


@contextmanager
def _cluster(address: str | None) -> Iterator[Executor | None]:
    """The workers of the Dask cluster at ``address`` (``archive-qa index --dask``), or None."""
    if address is None:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--dask needs Dask: pip install 'archive-qa[cluster]'") from None
    try:
        client = Client(address, timeout=DASK_CONNECT_SECONDS)
    except OSError as error:
        raise UsageError(f"no Dask scheduler answers at {address} ({error})") from None
    with client:
        yield client.get_executor()


def memory_size(text: str) -> int:
    """``--memory``'s value (``config.byte_size``), refused in argparse's way."""
    try:
        return byte_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class Progress:
    """A progress bar on standard error while pages are segmented (only when there are many)."""

    def __enter__(self) -> Progress:
        self._bar = None
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None and total >= 20:
            self._bar = tqdm(total=total, unit="page", desc="segmenting", file=sys.stderr)
        if self._bar is not None:
            self._bar.update(done - self._bar.n)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.close()


def _print_scores(name: str, scores: Scores, show_misses: int) -> None:
    print(f"questions: {scores.questions}  ({name})")
    print(f"hit@1: {scores.hit_at_1:.3f}")
    print(f"hit@3: {scores.hit_at_3:.3f}")
    print(f"hit@5: {scores.hit_at_5:.3f}")
    print(f"MRR@10: {scores.mrr_at_10:.3f}")
    print(f"mean snippet length: {scores.mean_snippet_chars:.1f} characters")
    print(f"questions per second: {scores.questions_per_second:.1f}")
    if scores.spans is not None:
        spans = scores.spans
        print(
            f"short answers: coverage {spans.coverage:.3f} ({spans.given} of {spans.questions}), "
            f"exact match where given {spans.exact_where_given:.3f}, F1 where given {spans.f1_where_given:.3f}; "
            f"over all questions EM {spans.exact_overall:.3f}, F1 {spans.f1_overall:.3f}"
        )
    if scores.errors:
        print(f"errors: {len(scores.errors)} question(s) could not be answered (counted as misses; tracebacks above)")
    for case, answer, rank in scores.misses[:show_misses]:
        got = answer.hits[0].snippet[:60] if answer and answer.hits else "(no hit)"
        print(f"  rank {rank or '-'}: {case.question}  gold={case.gold[:30]!r}  top={got!r}")


def cmd_eval(args: argparse.Namespace) -> int:
    path = Path(args.questions)
    if not path.is_file():
        print(f"archive-qa: question file not found: {path}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if path.suffix.lower() == ".json":
            archive, cases = load_squad(path)
            qa = ArchiveQA.from_archive(archive, snippet_chars=args.settings.snippet_chars)
        else:
            cases = load_feedback(path) if path.suffix.lower() == ".jsonl" else load_tsv(path)
            qa = load(args)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as error:
        print(f"archive-qa: cannot read {path}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not cases:
        print(f"archive-qa: no questions in {path}", file=sys.stderr)
        return EXIT_BAD_INPUT
    scores = evaluate(qa.ask, cases)
    for case, failure in scores.errors:
        log.error("could not answer %r", case.question, exc_info=failure)
    _print_scores(path.name, scores, args.show_misses)
    return EXIT_FAILED if scores.errors else EXIT_OK


def _version() -> str:
    try:
        return importlib.metadata.version("archive-qa")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archive-qa",
        description="Ask questions of a newspaper archive; answers cite date, headline, source page and paragraph.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    def with_archive(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--archive", type=Path, help="archive folder of .txt pages and .jsonl exports (default: the bundled seeds/)"
        )
        sub.add_argument(
            "--config",
            type=Path,
            metavar="FILE",
            help="settings file (TOML) over the defaults (else $ARCHIVE_QA_CONFIG, else "
            "~/.config/archive-qa/config.toml)",
        )
        sub.add_argument(
            "--memory",
            type=memory_size,
            metavar="SIZE",
            help="memory to stay within, e.g. 1G or 4G (default archive.memory: 2G): an index build, its "
            "page-reading workers included; a process answering, which lets go of index pages it mapped "
            "beyond it (a worker each)",
        )
        return sub

    ask = with_archive(commands.add_parser("ask", help="answer questions (arguments, or one a line on stdin)"))
    ask.add_argument("question", nargs="*", help="the question; without it, questions are read from stdin")
    ask.add_argument("--json", action="store_true", help="one JSON object a question (see README)")
    ask.add_argument("-k", type=int, help=f"how many cited passages (default {DEFAULT_K}, or answers.k)")
    ask.add_argument("--from", dest="date_from", metavar="DATE", help="only articles from DATE (YYYY[-MM[-DD]])")
    ask.add_argument("--to", dest="date_to", metavar="DATE", help="only articles up to DATE (YYYY[-MM[-DD]])")
    ask.add_argument(
        "--conversation",
        action="store_true",
        help="the questions on stdin are one conversation: a follow-up leans on the question before",
    )
    ask.set_defaults(run=cmd_ask)

    timeline = with_archive(commands.add_parser("timeline", help="every article on a topic, in date order"))
    timeline.add_argument("topic", nargs="+", help="the topic, e.g. 四城联创")
    timeline.add_argument("--json", action="store_true", help="one JSON object (items: one per article)")
    timeline.add_argument("--from", dest="date_from", metavar="DATE", help="only articles from DATE (YYYY[-MM[-DD]])")
    timeline.add_argument("--to", dest="date_to", metavar="DATE", help="only articles up to DATE (YYYY[-MM[-DD]])")
    timeline.set_defaults(run=cmd_timeline, k=None)

    contents = with_archive(commands.add_parser("contents", help="the articles of a month, a day or a page"))
    contents.add_argument("selector", nargs="?", help="YYYY, YYYY-MM, YYYY-MM-DD or a page's file name (default: all)")
    contents.add_argument("--json", action="store_true", help="one JSON object (items: one per article)")
    contents.set_defaults(run=cmd_contents, k=None)

    index = with_archive(commands.add_parser("index", help="read the archive and report what was found"))
    index.add_argument(
        "--compact", action="store_true", help="merge the index's segments into one (updates add segments)"
    )
    index.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="segment pages on the workers of this Dask scheduler (tcp://host:8786); same index as a local build",
    )
    index.set_defaults(run=cmd_index)

    evaluation = with_archive(commands.add_parser("eval", help="measure hit@1, hit@3, MRR on a question set"))
    evaluation.add_argument("questions", help="question<TAB>gold .tsv, CMRC/SQuAD .json, or feedback .jsonl")
    evaluation.add_argument(
        "--show-misses", type=int, default=0, metavar="N", help="list N questions whose first citation missed"
    )
    evaluation.set_defaults(run=cmd_eval)

    console = with_archive(commands.add_parser("console", help="ask in an interactive prompt (no network)"))
    console.set_defaults(run=cmd_console)

    serve = with_archive(commands.add_parser("serve", help="serve the HTTP API and the web chat"))
    serve.add_argument("--host", help="address to listen on (default serve.host: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, help="port to listen on (default serve.port: 8000)")
    serve.add_argument(
        "--processes",
        type=_processes,
        metavar="N",
        help='answer in N worker processes, for readers asking at once (default serve.processes: "auto", '
        "one a core, at most four)",
    )
    serve.set_defaults(run=cmd_serve)

    telegram = with_archive(commands.add_parser("telegram", help="serve the archive as a Telegram bot"))
    telegram.add_argument(
        "--webhook-url",
        default="",
        metavar="URL",
        help="receive updates by webhook at this https URL (default: poll Telegram)",
    )
    telegram.add_argument(
        "--listen",
        default="127.0.0.1:8443",
        metavar="HOST:PORT",
        help="where the webhook listener listens, behind the proxy that owns the URL",
    )
    telegram.set_defaults(run=cmd_telegram)
    return parser


def cmd_console(args: argparse.Namespace) -> int:
    from . import console

    return console.run(load_to_serve(args), args.settings.k, args.settings.idle_minutes)


def _processes(text: str) -> int | str:
    """``--processes``: a number of worker processes, or "auto"."""
    if text.strip().lower() == "auto":
        return "auto"
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'not a number of processes: {text!r} (try 2, or "auto")') from None
    if count < 1:
        raise argparse.ArgumentTypeError("--processes must be 1 or more")
    return count


def cmd_serve(args: argparse.Namespace) -> int:
    from . import web
    from .desks import DeskDied, count_of

    serve = args.settings.serve
    processes = count_of(serve.processes if args.processes is None else args.processes)
    port = serve.port if args.port is None else args.port
    try:
        return web.run(load(args), args.settings, args.host or serve.host, port, processes)
    except DeskDied as error:  # a worker could not open the index (removed meanwhile, out of memory)
        print(f"archive-qa: {error}", file=sys.stderr)
        return EXIT_FAILED


def cmd_telegram(args: argparse.Namespace) -> int:
    from . import telegram

    telegram.check_token(args.settings.telegram.token)
    if args.webhook_url and not args.webhook_url.startswith("https://"):
        raise UsageError("--webhook-url must be an https:// URL (Telegram only posts to those)")
    telegram.parse_listen(args.listen)
    return telegram.run(load_to_serve(args), args.settings, args.webhook_url, args.listen)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")  # a terminal that cannot show a character never ends a run
    _log_to_stderr(args.command)
    try:
        args.settings = load_settings(args.config)
    except ConfigError as error:
        print(f"archive-qa: {error}", file=sys.stderr)
        return EXIT_USAGE
    args.archive = args.archive or args.settings.archive
    if hasattr(args, "k"):
        args.k = args.settings.k if args.k is None else args.k
        if args.k < 1:
            print("archive-qa: -k must be at least 1", file=sys.stderr)
            return EXIT_USAGE
    try:
        return args.run(args)
    except (ArchiveError, ConfigError, UsageError) as error:
        print(f"archive-qa: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        if args.run is cmd_index:
            print(
                "archive-qa: stopped. A first build puts what it has read in place every few minutes: "
                "`archive-qa index` goes on from there.",
                file=sys.stderr,
            )
        return 130
    except BrokenPipeError:  # the reader went away (archive-qa ask … | head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _log_to_stderr(command: str) -> None:
    """Warnings and errors (with tracebacks) on standard error; the servers also say what they do.
    ``ARCHIVE_QA_LOG_LEVEL`` (DEBUG, INFO, …) asks for more."""
    serving = command in ("telegram", "serve")
    level = os.environ.get("ARCHIVE_QA_LOG_LEVEL", "INFO" if serving else "WARNING").upper()
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        if serving
        else "archive-qa: %(levelname)s: %(message)s",
        level=level if isinstance(logging.getLevelName(level), int) else logging.WARNING,
    )


if __name__ == "__main__":
    sys.exit(main())
