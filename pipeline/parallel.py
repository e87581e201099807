"""Several processes, each with its own pipeline built once, results in input order.

spaCy's ``nlp.pipe(n_process=…)`` would ship our ``Doc._`` records (dataclasses) through
msgpack, which cannot carry them; a process pool that runs whole documents is simpler and also
parallelizes decoding and normalization. At most ``2 × n_process`` batches are in flight, so
memory stays bounded however long the input stream.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

_WORKER: Any = None
# the caller's Extractor, set just before a *fork* pool starts: forked workers inherit the loaded
# pipeline copy-on-write instead of spending seconds loading their own (spawned ones must load)
_INHERITED: Any = None


def _init_worker(max_chars: int, timeout: float | None) -> None:
    global _WORKER
    from .api import Extractor

    if _INHERITED is not None:
        _WORKER = _INHERITED
    else:
        _WORKER = Extractor(max_chars=max_chars, timeout=timeout)


def _run(batch: list[tuple[int, Any]]):
    return _WORKER._run_batch(batch)


def _run_json(batch: list[tuple[int, Any]]):
    from .api import to_json_record

    return [to_json_record(r) for r in _WORKER._run_batch(batch)]


def parallel_extract(items: Iterable[Any], *, n_process: int, batch_size: int,
                     max_chars: int, timeout: float | None = None,
                     extractor: Any = None, as_json: bool = False) -> Iterator[Any]:
    """``extractor``: an already loaded Extractor that forked workers may inherit.
    ``as_json``: workers send :class:`~pipeline.api.JsonRecord` (serialized where the work is)."""
    global _INHERITED
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    numbered = enumerate(items)
    _INHERITED = extractor if method == "fork" else None
    try:
        pool = ctx.Pool(n_process, initializer=_init_worker, initargs=(max_chars, timeout))
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
