"""The files of an archive folder: which are pages, which are not, and why.

Links to folders are followed, each real folder read once; what cannot be read as a file (a link
to nothing, a pipe, a folder that cannot be opened) or is too large to be a page is reported by name.
"""

from __future__ import annotations

import os
from pathlib import Path

from .documents import ArchiveReport
from .errors import ArchiveError

MANIFEST = "manifest.toml"
PAGE_SUFFIXES = {".txt"}
# A page of a newspaper is tens of kilobytes; a text file this large is a whole archive in one
# file, which the page reader (one file, one core, all in memory) is not made for.
MAX_PAGE_BYTES = 64_000_000
RECORD_SUFFIXES = {".jsonl"}


def archive_files(folder: Path, report: ArchiveReport) -> list[Path]:
    """Every file below ``folder`` (hidden ones aside), in name order.

    Links to folders are followed once the real folders are read, and each real
    folder is read once: a link loop ends, a folder linked twice is not indexed
    twice, and pages keep their real names. What cannot be read as a file (a link
    to nothing, a pipe, a folder that cannot be opened) is reported by name.
    """
    files: list[Path] = []
    seen = {folder.resolve()}
    links: list[Path] = []

    def walk(directory: Path) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            report.problem(f"{_name(folder, directory)}: folder skipped, {error.strerror or error}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    seen.add(path.resolve())
                    walk(path)
                elif entry.is_dir():
                    links.append(path)
                elif entry.is_file():
                    files.append(path)
                elif entry.is_symlink():
                    report.problem(f"{_name(folder, path)}: skipped, a link to a file that does not exist")
                else:
                    report.problem(f"{_name(folder, path)}: skipped, not a regular file")
            except OSError as error:
                report.problem(f"{_name(folder, path)}: skipped, {error.strerror or error}")

    walk(folder)
    while links:
        link = links.pop(0)
        try:
            real = link.resolve()
        except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links on older Pythons
            report.problem(f"{_name(folder, link)}: skipped, {error}")
            continue
        if real in seen:
            report.problem(f"{_name(folder, link)}: a link to a folder already read, not read again")
            continue
        seen.add(real)
        walk(link)
    return sorted(files)


def _name(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def check_folder(folder: Path) -> None:
    if not folder.exists():
        raise ArchiveError(f"archive folder not found: {folder}")
    if not folder.is_dir():
        raise ArchiveError(f"not a folder: {folder}")


def page_files(folder: Path, report: ArchiveReport) -> list[tuple[str, Path]]:
    """The archive's pages and exports by name; other files, and pages too large to be one
    page, are reported, not read."""
    pages, ignored = [], []
    for path in archive_files(folder, report):
        name = _name(folder, path)
        if name == MANIFEST:
            continue
        suffix = path.suffix.lower()
        if suffix not in PAGE_SUFFIXES | RECORD_SUFFIXES:
            ignored.append(name)
            continue
        try:
            size = path.stat().st_size
        except OSError as error:
            report.problem(f"{name}: skipped, {error.strerror or error}")
            continue
        if suffix in PAGE_SUFFIXES and size > MAX_PAGE_BYTES:
            report.problem(
                f"{name}: skipped, {size / 1e6:.0f} MB is more than one page can be "
                f"({MAX_PAGE_BYTES / 1e6:.0f} MB): split it into pages, or make it a .jsonl export"
            )
            continue
        pages.append((name, path))
    if ignored:
        shown = ", ".join(ignored[:5]) + (" …" if len(ignored) > 5 else "")
        report.problem(f"{len(ignored)} file(s) are not .txt or .jsonl and were not read: {shown}")
    return pages
