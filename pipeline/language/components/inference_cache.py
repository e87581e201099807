"""Values computed from a thinc model's weights for a faster inference path, kept per model.

Used by the NER's embedding (tables pre-multiplied by the mixing layer) and encoder (weights
arranged per block). thinc models take no new attributes, so the values live here, by
``model.id``, with the identity of every weight array they were computed from: loading weights
and thinc's optimizer steps both set new arrays (checked: one update replaced all 16 of a small
tok2vec), so either rebuilds them; a training forward pass also drops them, in case an optimizer
ever changes arrays in place.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from thinc.api import Model

T = TypeVar("T")

_CACHE: dict[int, tuple[tuple[int, ...], Any]] = {}


def weights_identity(model: Model) -> tuple[int, ...]:
    return tuple(id(node.get_param(name)) for node in model.walk() for name in node.param_names
                 if node.has_param(name))


def from_weights(model: Model, build: Callable[[], T]) -> T:
    """``build()``'s value for ``model``'s current weights, built once."""
    key = weights_identity(model)
    cached = _CACHE.get(model.id)
    if cached is None or cached[0] != key:
        cached = _CACHE[model.id] = (key, build())
    return cached[1]


def forget(model: Model) -> None:
    """The weights are about to change (a training step)."""
    _CACHE.pop(model.id, None)
