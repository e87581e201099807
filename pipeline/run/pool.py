"""Several processes, each with its own pipeline built once, results in input order.

spaCy's ``nlp.pipe(n_process=…)`` would ship our ``Doc._`` records (dataclasses) through
msgpack, which cannot carry them; a process pool that runs whole documents is simpler and also
parallelizes decoding and normalization. At most ``2 × n_process`` batches are in flight, so
memory stays bounded however long the input stream.

This is the one way into the pool: :meth:`pipeline.Extractor.extract_many` and ``extract_json``
come here with ``n_process > 1``, the command line through them.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .results import to_json_record

#: This worker process's extractor (built by the factory, or inherited from the parent by fork).
_WORKER: Any = None
# the caller's loaded extractor, set just before a *fork* pool starts: forked workers inherit the
# loaded pipeline copy-on-write instead of spending seconds loading their own (spawned ones must load)
_INHERITED: Any = None


def _init_worker(extractor_factory: Callable[[], Any]) -> None:
    global _WORKER
    _WORKER = _INHERITED if _INHERITED is not None else extractor_factory()


def _run(batch: list[tuple[int, Any]]):
    return _WORKER.run_batch(batch)


def _run_json(batch: list[tuple[int, Any]]):
    return [to_json_record(r) for r in _WORKER.run_batch(batch)]


def pool_extract(items: Iterable[Any], *, extractor_factory: Callable[[], Any], n_process: int,
                 batch_size: int, loaded: Any = None, as_json: bool = False) -> Iterator[Any]:
    """Results of ``items`` in input order from ``n_process`` worker processes.

    ``extractor_factory``: builds a worker's extractor (picklable: spawned workers call it).
    ``loaded``: an extractor whose pipeline is already built, which forked workers inherit
    instead of calling the factory. ``as_json``: workers send
    :class:`~pipeline.run.results.JsonRecord` (serialized where the work is)."""
    global _INHERITED
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    numbered = enumerate(items)
    _INHERITED = loaded if method == "fork" else None
    try:
        pool = ctx.Pool(n_process, initializer=_init_worker, initargs=(extractor_factory,))
    finally:
        _INHERITED = None  # the children have their copy; do not keep it alive here
    with pool:
        pending: deque = deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * n_process:
                batch = list(itertools.islice(numbered, batch_size))
                if not batch:
                    exhausted = True
                    break
                pending.append(pool.apply_async(_run_json if as_json else _run, (batch,)))
            if not pending:
                return
            yield from pending.popleft().get()
