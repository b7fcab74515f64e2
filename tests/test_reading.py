"""Reading pages on workers: a local pool, or a Dask cluster, give the same index as reading here."""

import pytest

from bot import cli as cli_module
from retrieval import writer

from conftest import SEEDS, many_pages_of


def index_files(cache):
    """Every file of a built index, by its path within the index, as bytes (meta.json apart:
    it names the archive's folder and the pages' modification times)."""
    folder = cache / "index"
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "meta.json"
    }


def test_a_two_worker_dask_cluster_builds_the_same_index_bit_for_bit(tmp_path, segmenter, cli, monkeypatch):
    distributed = pytest.importorskip("distributed")
    archive = many_pages_of(SEEDS, tmp_path / "archive", 3)
    writer.build(archive, tmp_path / "here", segmenter, workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        monkeypatch.setenv("ARCHIVE_QA_CACHE", str(tmp_path / "there"))
        result = cli("index", "--archive", str(archive), "--dask", cluster.scheduler_address)
        ran = cluster.scheduler.task_prefixes
    assert result.returncode == 0, result.stderr
    assert "segment_job" in ran  # the pages were read on the cluster's workers
    assert "15 page(s) segmented" in result.stdout
    (there,) = (tmp_path / "there").iterdir()
    expected, built = index_files(tmp_path / "here"), index_files(there)
    assert sorted(built) == sorted(expected)
    assert all(built[name] == expected[name] for name in expected)


def test_a_worker_that_segments_differently_is_refused(tmp_path, segmenter, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from retrieval import reading

    archive = many_pages_of(SEEDS, tmp_path / "archive", 1)
    real = reading.Segmenter.fingerprint
    monkeypatch.setattr(reading.Segmenter, "fingerprint", lambda self: real(self) if self is segmenter else "other")
    with ThreadPoolExecutor(2) as pool, pytest.raises(writer.StoreError, match="segments differently"):
        writer.build(archive, tmp_path / "cache", segmenter, executor=pool)
    assert not (tmp_path / "cache" / "index").exists()


def test_an_unknown_scheduler_is_told_plainly(tmp_path, cli, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(cli_module, "DASK_CONNECT_SECONDS", 1)
    result = cli("index", "--archive", str(SEEDS), "--dask", "tcp://127.0.0.1:9")
    assert result.returncode != 0 and "no Dask scheduler answers at tcp://127.0.0.1:9" in result.stderr
