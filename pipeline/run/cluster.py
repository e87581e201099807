"""The same extraction over a Dask cluster, partitioned JSONL in and out.

    newsie dask-extract 'archive/*.jsonl' -o out_dir [--scheduler tcp://host:8786] [--workers 2]
    newsie dask-extract archive/ -o out_dir          # a folder of pages, ids as for extract

Each input partition (a ``.jsonl`` file of ``{"id", "text", "pub_date"}`` lines, or lines cut
into blocks by ``--blocksize``) becomes one output partition ``out_dir/part-NNNNN.jsonl`` with one
record a line, in the input's order. Directories and files (not ``.jsonl``) are planned as
``newsie extract`` plans them (:func:`~pipeline.run.inputs.plan_inputs`: the same ids, an id
given twice refused) and cut into partitions of ``files_per_partition`` files, each read on its
worker. Without ``--scheduler`` a local cluster of ``--workers``
processes is started. Each worker process builds the pipeline once (``pipeline.get_extractor``
is per process) and reuses it for every partition it is given.

Requires the ``dask`` extra: ``pip install newsie[dask]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .default import get_extractor
from .extractor import Extractor
from .inputs import Source, plan_inputs, parse_record
from ..errors import UsageError


def extract_partition(lines: Iterable[str], pub_date: str | None = None, *,
                      extractor_factory: Callable[[], Extractor] = get_extractor) -> list[str]:
    """Run one partition on this worker's pipeline; returns JSON lines in input order.

    ``extractor_factory``: gives the worker's extractor; the default builds one per process."""
    items = []
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        where = f"line {n}"
        item = parse_record(line, where)
        if "error" in item:  # no id from a line that is not a document: name it by its line
            item = {"id": where, "error": item["error"], "error_type": item["error_type"]}
        if pub_date and not item.get("pub_date"):
            item["pub_date"] = pub_date
        items.append(item)
    return [r.json for r in extractor_factory().extract_json(items)]


def extract_files_partition(files: Iterable[dict[str, Any]], pub_date: str | None = None, *,
                            extractor_factory: Callable[[], Extractor] = get_extractor) -> list[str]:
    """Run one partition of files (``{"id", "path"}``, read here, on the worker) the way
    ``newsie extract`` runs them: the same ids, sources and error records."""
    from .inputs import iter_inputs

    sources = [Source("file", Path(f["path"]), f["id"]) for f in files]
    if not sources:
        return []
    return [r.json for r in extractor_factory().extract_json(iter_inputs(sources, pub_date=pub_date))]


def _is_jsonl(spec: str) -> bool:
    """A JSONL path or glob (local or remote), read line by line by dask; anything else is a
    file or directory as for ``newsie extract``."""
    return spec.lower().endswith(".jsonl") or "://" in spec


def _part_name(i: int) -> str:
    return f"{i:05d}"


#: One short page through every component: builds what the components make on first use.
WARM_UP_TEXT = ("本报讯 10月14日，市委书记王建国到高新区调研，总投资26亿元的新材料产业园项目开工建设，"
                "占地100亩，今年前三季度产值增长12.5%。")


def _warm_worker(extractor_factory: Callable[[], Extractor] = get_extractor) -> None:
    extractor_factory().extract(WARM_UP_TEXT)


def warm_up(client: Any, extractor_factory: Callable[[], Extractor] = get_extractor) -> None:
    """Build the pipeline in every worker of ``client`` and run one short page through it, now
    rather than on its first partition."""
    client.run(_warm_worker, extractor_factory)


def local_cluster(workers: int) -> Any:
    """A ``LocalCluster`` of ``workers`` single-threaded processes, set up for batch extraction:
    no dashboard, and no statistical profiler in the workers (it samples every thread's stack
    every 10 ms for the dashboard; measured here it cost up to a tenth of a worker's CPU)."""
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            dashboard_address=None)


def run(inputs: str | list[str], output_dir: str | Path, *, scheduler: str | None = None,
        workers: int = 2, blocksize: str | int | None = None, pub_date: str | None = None,
        client: Any = None, extractor_factory: Callable[[], Extractor] = get_extractor,
        globs: tuple[str, ...] | None = None, files_per_partition: int = 64) -> list[Path]:
    """Extract every line of ``inputs`` (JSONL paths or globs) into ``output_dir``; returns the
    files. ``inputs`` may instead be directories and files as for ``newsie extract`` (ids from
    the path under the directory, ``globs`` choosing the files), ``files_per_partition`` a
    partition; the two kinds cannot be mixed in one run (:class:`UsageError`).

    ``client``: an existing ``dask.distributed.Client`` to use (and leave open) instead of
    connecting to ``scheduler`` or starting a local cluster. ``extractor_factory``: gives each
    worker's extractor (picklable; the default builds one per worker process)."""
    import dask.bag as db
    from dask.distributed import Client

    specs = [inputs] if isinstance(inputs, str) else list(inputs)
    jsonl = [s for s in specs if _is_jsonl(s)]
    files: list[dict[str, Any]] = []
    if len(jsonl) != len(specs):
        if jsonl:
            raise UsageError("give JSONL files or directories/text files to dask-extract, not both")
        sources = plan_inputs(specs, globs=globs)
        if not sources or any(src.kind != "file" for src in sources):
            raise UsageError(f"no documents in {' '.join(specs)}" if not sources
                             else "dask-extract cannot read standard input")
        files = [{"id": src.id, "path": str(src.path)} for src in sources]
    else:
        import glob

        # remote paths (s3://…) are left to dask to find
        unmatched = [spec for spec in specs if "://" not in spec and not glob.glob(spec)]
        if unmatched:
            raise UsageError(f"no JSONL file matches {', '.join(unmatched)}")
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    cluster = None
    own_client = client is None
    if own_client and scheduler:
        client = Client(scheduler)
    elif own_client:
        cluster = local_cluster(workers)
        client = Client(cluster)
    try:
        if files:
            bag = db.from_sequence(files, partition_size=max(files_per_partition, 1))
            results = bag.map_partitions(extract_files_partition, pub_date=pub_date,
                                         extractor_factory=extractor_factory)
        else:
            bag = db.read_text(specs, blocksize=blocksize, encoding="utf-8")
            results = bag.map_partitions(extract_partition, pub_date=pub_date,
                                         extractor_factory=extractor_factory)
        with client.as_current():  # compute on this cluster, not the default scheduler
            names = results.to_textfiles(str(out / "part-*.jsonl"), name_function=_part_name,
                                         encoding="utf-8", last_endline=True)
        paths = [Path(p) for p in names]
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    return sorted(paths)
