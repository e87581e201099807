"""Several processes and a Dask cluster give exactly what one process gives, in input order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.run.extractor import Extractor
from pipeline.core.text import decode

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_items(n: int = 12) -> list[dict]:
    pages = sorted(CORPUS.glob("*.txt"))[:n]
    return [{"id": p.stem, "text": decode(p.read_bytes()).text} for p in pages]


@pytest.fixture(scope="module")
def single_process() -> list[str]:
    return [r.model_dump_json() for r in Extractor().extract_many(corpus_items(), batch_size=4)]


def test_two_worker_processes_match_one(single_process):
    items = corpus_items() + [{"id": "broken", "text": ""}]
    results = list(Extractor().extract_many(items, n_process=2, batch_size=2))
    assert [r.doc_id for r in results] == [it["id"] for it in items]
    assert [r.model_dump_json() for r in results[:-1]] == single_process
    assert results[-1].error.type == "empty"


def test_json_records_from_two_workers_match_one(single_process):
    # the batch path: workers serialize, the parent only writes lines
    items = corpus_items() + [{"id": "broken", "text": ""}]
    records = list(Extractor().extract_json(items, n_process=2, batch_size=2))
    assert [r.doc_id for r in records] == [it["id"] for it in items]
    assert [r.json for r in records[:-1]] == single_process
    assert all(r.error is None for r in records[:-1])
    assert records[-1].error is not None and "broken" in records[-1].error
    assert json.loads(records[-1].json)["error"]["type"] == "empty"


def test_worker_processes_run_the_callers_pipeline_not_a_default_one():
    # a rules-only extractor must stay rules-only in its workers: the model finds names
    # the rules alone do not, so a worker that loaded the default pipeline would differ
    rules_only = Extractor(use_model=False)
    items = corpus_items(6)
    alone = [r.model_dump_json() for r in rules_only.extract_many(items, batch_size=3)]
    with_model = [r.model_dump_json() for r in Extractor().extract_many(items, batch_size=3)]
    assert alone != with_model
    forked = [r.model_dump_json() for r in rules_only.extract_many(items, n_process=2, batch_size=3)]
    assert forked == alone


def test_dask_local_cluster_matches_one_process(single_process, tmp_path: Path):
    from pipeline.run.cluster import run

    items = corpus_items()
    src = tmp_path / "in"
    src.mkdir()
    for k in range(0, len(items), 4):  # three partitions
        with (src / f"part{k:03d}.jsonl").open("w", encoding="utf-8") as fh:
            for it in items[k:k + 4]:
                fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    paths = run(str(src / "*.jsonl"), tmp_path / "out", workers=2)
    lines = [line for p in paths for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(paths) == 3
    assert lines == single_process


def test_local_cluster_workers_run_without_the_dask_profiler():
    """Its stack sampling every 10 ms cost Dask workers up to a tenth of their CPU (benchmarks/)."""
    import dask
    from dask.distributed import Client

    from pipeline.run.cluster import local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:
        settings = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert list(settings.values()) == [False]
    assert dask.config.get("distributed.worker.profile.enabled") is True  # the caller's config untouched


def test_warm_up_builds_the_pipeline_in_every_worker_and_runs_a_page():
    import pipeline.run.default
    from dask.distributed import Client

    from pipeline.run.cluster import local_cluster, warm_up

    with local_cluster(1) as cluster, Client(cluster) as client:
        warm_up(client)
        built = client.run(lambda: pipeline.run.default._default is not None)
    assert list(built.values()) == [True]


def test_the_warm_up_page_reaches_the_rules_and_the_events():
    from pipeline import get_extractor
    from pipeline.run.cluster import WARM_UP_TEXT

    result = get_extractor().extract(WARM_UP_TEXT)
    # 王建国 (PER), 10月14日 (DATE), 26亿元 (MONEY), 100亩 (AREA), 12.5% (PERCENT); 开工 and 总投资 events
    assert {"PER", "DATE", "MONEY", "AREA", "PERCENT"} <= {e.label for e in result.iter_entities()}
    assert {"investment", "project_milestone"} <= {e.type for e in result.iter_events()}
