"""A fast statistical NER for character tokens: one BILUO tag per character, decoded under the
tag grammar, plus an embedding that sees character bigrams.

Why not spaCy's transition-based ``ner``: on character tokens it makes one parser step per
character, which cost as much as half the encoder (39 k chars/s alone). A softmax over BILUO tags
costs almost nothing on top of the encoder, and decoding only has to look at the few places where
the best tag is not ``O``. The price is that tags are chosen per character, so the decoder
(:func:`decode_biluo`) enforces the grammar (``B-X I-X* L-X`` or ``U-X``) where tags disagree.

Why bigrams: a Chinese character alone is ambiguous (长 of 市长 vs 长江); the pair with its
neighbour is much less so. ``news.CharBigramEmbed.v1`` hashes the character with its left and
its right neighbour into two more embedding tables, next to ``NORM`` and ``SHAPE``; the window
CNN then mixes what the pairs say.

Why lexicons: ``news.CharLexiconEmbed.v1`` adds, for every character, where it sits in the
names of jieba's dictionary; ``news.SoftLexiconEmbed.v1`` (the shipped model's) adds which
classes of all its words begin, continue and end there (``pipeline/core/lexicon.py``).

Registered names: the factory ``biluo_ner`` (assigns ``doc.ents``), the architectures
``news.CharBigramEmbed.v1``, ``news.CharLexiconEmbed.v1`` and ``news.SoftLexiconEmbed.v1`` and the scorer
``news.entity_tagger_scorer.v1``. They must be registered before a pipeline that uses them is
loaded (``pipeline.language.build`` imports this package; ``spacy train`` gets ``--code train/code.py``).
"""

from __future__ import annotations

import warnings
from typing import Callable, Iterable, List, Optional, Sequence

import numpy
from spacy.attrs import IDX, NORM, SHAPE
from spacy.language import Language
from spacy.pipeline.tagger import Tagger
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import validate_examples
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    SequenceCategoricalCrossentropy,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.layers.array_getitem import ints_getitem
from thinc.layers.chain import forward as _chain_forward
from thinc.types import Floats2d, Ints2d

from ..document import doc_text
from .inference_cache import forget, from_weights
from .window_encoder import ScratchRows

OUTSIDE = "O"

# ----------------------------------------------------------------------------- embedding

#: Mixes two 64-bit ids into one; any odd constant works, HashEmbed hashes the result again.
_MIX = numpy.uint64(0x9E3779B97F4A7C15)
#: Stands for "no neighbour" at the start and end of a document.
_EDGE = numpy.uint64(0x5851F42D4C957F2D)


def char_features(doc: Doc) -> numpy.ndarray:
    """(n_tokens, 4) uint64: NORM, SHAPE, left bigram id, right bigram id."""
    base = doc.to_array([NORM, SHAPE]).astype(numpy.uint64, copy=False)
    n = base.shape[0]
    norm = base[:, 0]
    prev = numpy.empty(n, dtype=numpy.uint64)
    nxt = numpy.empty(n, dtype=numpy.uint64)
    if n:
        prev[0] = _EDGE
        prev[1:] = norm[:-1]
        nxt[-1] = _EDGE
        nxt[:-1] = norm[1:]
    with numpy.errstate(over="ignore"):
        left = (prev * _MIX) ^ norm
        right = (norm * _MIX) ^ (nxt + _MIX)
    return numpy.column_stack([norm, base[:, 1], left, right])


def char_bigram_features() -> Model[List[Doc], List[Ints2d]]:
    def forward(model, docs, is_train):
        arrays = [model.ops.asarray2i(char_features(doc), dtype="uint64") for doc in docs]
        return arrays, lambda d_features: []

    return Model("char_bigram_features", forward)


@registry.architectures("news.CharBigramEmbed.v1")
def char_bigram_embed(width: int, char_rows: int, shape_rows: int,
                      bigram_rows: int) -> Model[List[Doc], List[Floats2d]]:
    """Like ``spacy.MultiHashEmbed.v2`` over NORM and SHAPE, with two bigram tables added."""
    return _mixed_tables(char_bigram_features(), _char_tables(width, char_rows, shape_rows, bigram_rows),
                         width, pieces=3)


def _char_tables(width: int, char_rows: int, shape_rows: int, bigram_rows: int) -> list[Model]:
    """Hash tables over the columns of :func:`char_features`: character, shape, two bigrams."""
    return [
        HashEmbed(width, char_rows, column=0, seed=8, dropout=0.0),
        HashEmbed(width, shape_rows, column=1, seed=9, dropout=0.0),
        HashEmbed(width, bigram_rows, column=2, seed=10, dropout=0.0),
        HashEmbed(width, bigram_rows, column=3, seed=11, dropout=0.0),
    ]


def _mixed_tables(features: Model, tables: list[Model], width: int, pieces: int) -> Model:
    """Look every token up in every table, concatenate, mix with one maxout layer.

    Trained as the chain of those layers. At inference the tables and the mixing layer are fused
    (:func:`_fused_mixing_forward`); the node has the chain's layers in the chain's order, so the
    weights serialize exactly as the chain's did."""
    layers = chain(
        features,
        list2ragged(),
        with_array(concatenate(*tables)),
        with_array(Maxout(width, width * len(tables), nP=pieces, dropout=0.0, normalize=True)),
        ragged2list(),
    )
    return Model("char_mixed_tables", _fused_mixing_forward, init=layers.init, layers=layers.layers,
                 dims=dict(layers._dims))


def _mixing_parts(model: Model) -> tuple[list[Model], Model, Model]:
    """The tables (hash tables, character vectors), the maxout layer and its layer norm inside
    :func:`_mixed_tables`, the tables in the order they are concatenated."""
    tables = [node for node in model.layers[2].walk() if node.name in ("hashembed", "charvectors")]
    maxout = next(node for node in model.layers[3].walk() if node.name == "maxout")
    norm = next(node for node in model.layers[3].walk() if node.name == "layernorm")
    return tables, maxout, norm


class _ProjectedTables:
    """The mixing layer's weights multiplied into the tables, one row per table row.

    The maxout layer computes ``W · [e₁; …; e₅] + b`` where each ``eₜ`` is the sum of four rows
    of table ``t``; that equals the sum of the same rows of ``Eₜ · Wₜᵀ`` (``Wₜ``: the columns of
    ``W`` that read table ``t``). So inference gathers 20 projected rows per character and skips
    the concatenation and the widest matrix product of the encoder (and sums the rows once per
    distinct id of a batch). Computed once per weights (``inference_cache``)."""

    def __init__(self, tables: list[Model], maxout: Model):
        nO, nP, nI = (maxout.get_dim(d) for d in ("nO", "nP", "nI"))
        W = maxout.get_param("W").reshape(nO * nP, nI)
        projected, offsets, start, col = [], [], 0, 0
        for table in tables:
            E = table.get_param("E")
            # blis on contiguous blocks: numpy's matmul on the strided slice took 0.2 s here
            W_t = numpy.ascontiguousarray(W[:, col:col + E.shape[1]])
            projected.append(table.ops.gemm(numpy.ascontiguousarray(E), W_t, trans2=True))
            offsets.append(start)
            start += E.shape[0]
            col += E.shape[1]
        self.table = numpy.ascontiguousarray(numpy.concatenate(projected), dtype="float32")
        self.offsets = [numpy.uint32(o) for o in offsets]
        self.bias = maxout.get_param("b").reshape(nO * nP).astype("float32")
        self.shape = (nO, nP)


def _fused_mixing_forward(model: Model, docs: List[Doc], is_train: bool):
    if is_train:
        forget(model)
        return _chain_forward(model, docs, is_train)
    tables, maxout, norm = _mixing_parts(model)
    projected = from_weights(model, lambda: _ProjectedTables(tables, maxout))
    features, _ = model.layers[0](docs, is_train)
    lengths = [len(f) for f in features]
    ops = model.ops
    if not sum(lengths):
        width = norm.get_dim("nO")
        return [ops.alloc2f(n, width) for n in lengths], _no_backprop
    ids = numpy.concatenate(features)
    out = numpy.empty((len(ids), norm.get_dim("nO")), dtype="float32")
    # in stretches: the mixing layer's input is twice the output's width, which for a whole
    # document of 750 k characters was hundreds of megabytes at once (rows are independent)
    for start in range(0, len(ids), EMBED_CHUNK_ROWS):
        end = min(len(ids), start + EMBED_CHUNK_ROWS)
        out[start:end] = _mixed_rows(ids[start:end], tables, projected, norm, ops)
    # nothing else holds these rows: the encoder may encode them in place
    return list(numpy.split(out.view(ScratchRows), numpy.cumsum(lengths)[:-1])), _no_backprop


#: Tokens the fused embedding mixes at a time (see :func:`_fused_mixing_forward`).
EMBED_CHUNK_ROWS = 16384


def _mixed_rows(ids: numpy.ndarray, tables: list[Model], projected: _ProjectedTables, norm: Model,
                ops) -> numpy.ndarray:
    """The embedding of the tokens whose feature ids are ``ids``: one row each."""
    # A batch repeats its characters and bigrams: sum the four hashed rows once per distinct id,
    # then one row per table per token.
    per_id, rows, start = [], [], 0
    for table, offset in zip(tables, projected.offsets):
        distinct, row = _distinct(ids[:, table.attrs["column"]])
        if table.name == "charvectors":  # a row per character: the id is the row
            keys = distinct.astype(numpy.uint32).reshape(-1, 1)
        else:
            keys = ops.hash(distinct, table.attrs["seed"]) % numpy.uint32(table.get_param("E").shape[0])
        per_id.append(ops.gather_add(projected.table, keys + offset))
        rows.append(row.reshape(-1).astype(numpy.uint32) + numpy.uint32(start))
        start += len(distinct)
    mixed = ops.gather_add(numpy.concatenate(per_id), numpy.ascontiguousarray(numpy.stack(rows, axis=1)))
    mixed += projected.bias
    best, _ = ops.maxout(mixed.reshape(len(mixed), *projected.shape))
    out, _ = norm(best, False)
    return out


#: Columns whose ids are all below this (the lexicon codes: < 2,048) are deduplicated by a
#: table of this size, in linear time; others (hashes of characters and bigrams) by sorting.
_SMALL_IDS = 1 << 12


def _distinct(column: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """``numpy.unique(column, return_inverse=True)``, without the sort where the ids are small."""
    if len(column) and int(column.max()) < _SMALL_IDS:
        present = numpy.zeros(_SMALL_IDS, dtype=bool)
        present[column] = True
        distinct = numpy.flatnonzero(present).astype(column.dtype)
        where = numpy.zeros(_SMALL_IDS, dtype=numpy.intp)
        where[distinct] = numpy.arange(len(distinct))
        return distinct, where[column]
    return numpy.unique(column, return_inverse=True)


def _no_backprop(d_out):
    raise RuntimeError("the fused inference path of the embedding has no gradient (is_train=False)")


def lexicon_features(lexicon, words=None, word_classes: bool = True,
                     vectors: Optional[Model] = None) -> Model[List[Doc], List[Ints2d]]:
    """:func:`char_features` plus a fifth column: the token's code in the name lexicon
    (``pipeline.core.lexicon.NameLexicon.char_codes`` at the token's first character); with a
    word lexicon (``WordLexicon``), three more: its begin, middle and end codes there; with a
    character-vector table (:func:`char_vector_table`), one more: the token's row in it."""

    def forward(model, docs, is_train):
        arrays = []
        for doc in docs:
            text = doc_text(doc)  # doc.text walks every Token object
            idx = doc.to_array([IDX]).astype(numpy.int64, copy=False).reshape(-1)
            columns = [char_features(doc), lexicon.char_codes(text)[idx]]
            if words is not None:
                columns.append(words.char_codes(text, classes=word_classes)[idx])
            if vectors is not None:
                columns.append(char_vector_rows(vectors.attrs["charset"], text)[idx])
            arrays.append(model.ops.asarray2i(numpy.column_stack(columns), dtype="uint64"))
        return arrays, lambda d_features: []

    return Model("char_lexicon_features" if words is None else "soft_lexicon_features", forward)


def char_vector_table(width: int, column: int, path: Optional[str], trainable: bool = False) -> Model:
    """Pretrained character vectors, one row per character of ``charset`` (row 0: a character
    without one), read at initialization from ``path`` (``train/prepare_char_vectors.py``: the
    ``chars`` and ``vectors`` of an .npz) and kept frozen: the rows of characters the training
    text never shows are the point, and training only the frequent ones would move them away from
    the rare ones. The trained model carries the rows and the characters (attribute
    ``charset``), so loading it needs no file. ``trainable``: updated like the other tables."""
    table = Model("charvectors", _char_vectors_forward, init=_char_vectors_init,
                  dims={"nO": width, "nV": None}, params={"E": None},
                  attrs={"column": column, "charset": "", "path": path or "", "trainable": trainable})
    return chain(ints_getitem((slice(0, None), column)), table)


def _char_vectors_init(model: Model, X=None, Y=None) -> None:
    if model.attrs["charset"]:
        return  # loaded
    data = numpy.load(model.attrs["path"])
    chars, vectors = str(data["chars"]), numpy.asarray(data["vectors"], dtype="float32")
    if vectors.shape != (len(chars), model.get_dim("nO")):
        raise ValueError(f"{model.attrs['path']}: vectors {vectors.shape} for {len(chars)} characters "
                         f"and width {model.get_dim('nO')}")
    E = numpy.zeros((len(chars) + 1, vectors.shape[1]), dtype="float32")
    E[1:] = vectors
    model.attrs["charset"] = chars
    model.set_dim("nV", len(E))
    model.set_param("E", model.ops.asarray2f(E))


def _char_vectors_forward(model: Model, ids, is_train: bool):
    E = model.get_param("E")
    rows = model.ops.as_contig(ids, dtype="int64")
    output = E[rows]

    def backprop(d_output):
        if model.attrs["trainable"]:
            dE = model.ops.alloc2f(*E.shape)
            model.ops.scatter_add(dE, model.ops.as_contig(rows, dtype="i"), d_output)
            model.inc_grad("E", dE)
        return model.ops.alloc1i(len(ids))

    return output, backprop


_CHARSET_ROWS: dict[str, numpy.ndarray] = {}


def char_vector_rows(charset: str, text: str) -> numpy.ndarray:
    """For each character of ``text``, its row in a character-vector table of ``charset``
    (0: none; characters beyond the Basic Multilingual Plane have none).

    >>> char_vector_rows("中国", "中美国𠀀").tolist()
    [1, 0, 2, 0]
    """
    lookup = _CHARSET_ROWS.get(charset)
    if lookup is None:  # one 64 k table per charset, built once per process
        lookup = numpy.zeros(0x10000, dtype=numpy.uint32)
        for row, ch in enumerate(charset, 1):
            if ord(ch) < 0x10000:
                lookup[ord(ch)] = row
        _CHARSET_ROWS[charset] = lookup
    points = numpy.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    return lookup[numpy.minimum(points, 0xFFFF)] * (points < 0x10000)


@registry.architectures("news.CharLexiconEmbed.v1")
def char_lexicon_embed(width: int, char_rows: int, shape_rows: int, bigram_rows: int,
                       lexicon_rows: int, lexicon: str, mix_pieces: int = 3) -> Model[List[Doc], List[Floats2d]]:
    """``news.CharBigramEmbed.v1`` plus one table over the name-lexicon code of each character.
    ``lexicon`` names the lexicon the weights were trained with (``pipeline.core.lexicon``); loading
    them with another one works but the model sees different features, so it warns.
    ``mix_pieces``: maxout pieces of the layer that mixes the five tables (the widest layer of
    the encoder: 2 instead of 3 cuts a third of its cost)."""
    from ...core.lexicon import name_lexicon

    names = name_lexicon()
    if names.version != lexicon:
        warnings.warn(f"NER trained with the name lexicon of {lexicon}, installed: {names.version}; "
                      "its figures may not hold", stacklevel=2)
    tables = _char_tables(width, char_rows, shape_rows, bigram_rows)
    tables.append(HashEmbed(width, lexicon_rows, column=4, seed=12, dropout=0.0))
    return _mixed_tables(lexicon_features(names), tables, width, pieces=mix_pieces)


@registry.architectures("news.SoftLexiconEmbed.v1")
def soft_lexicon_embed(width: int, char_rows: int, shape_rows: int, bigram_rows: int,
                       lexicon_rows: int, word_rows: int, lexicon: str,
                       mix_pieces: int = 2, word_classes: bool = True,
                       char_vectors: Optional[str] = None,
                       char_vectors_trainable: bool = False) -> Model[List[Doc], List[Floats2d]]:
    """``news.CharLexiconEmbed.v1`` plus SoftLexicon-style word features: three tables over
    which classes of jieba dictionary words begin, continue and end at each character
    (``pipeline.core.lexicon.WordLexicon``; ``word_rows`` rows each). At inference they cost three
    more row gathers per character (the tables are fused with the mixing layer).
    ``word_classes = false``: the word codes leave jieba's tags out (where words begin and end,
    how long, how many cover a character; ``WordLexicon.char_codes(classes=False)``).
    ``char_vectors``: an .npz of pretrained character vectors of the encoder's width, one more
    table (:func:`char_vector_table`; read at initialization only)."""
    from ...core.lexicon import name_lexicon, word_lexicon

    names, words = name_lexicon(), word_lexicon()
    if names.version != lexicon:
        warnings.warn(f"NER trained with the lexicons of {lexicon}, installed: {names.version}; "
                      "its figures may not hold", stacklevel=2)
    tables = _char_tables(width, char_rows, shape_rows, bigram_rows)
    tables.append(HashEmbed(width, lexicon_rows, column=4, seed=12, dropout=0.0))
    for k in range(3):
        tables.append(HashEmbed(width, word_rows, column=5 + k, seed=13 + k, dropout=0.0))
    vectors = None
    if char_vectors:
        tables.append(char_vector_table(width, 8, char_vectors, char_vectors_trainable))
        vectors = tables[-1].layers[1]
    return _mixed_tables(lexicon_features(names, words, word_classes, vectors), tables, width, pieces=mix_pieces)


# ----------------------------------------------------------------------------- decoding


def _split(tag: str) -> tuple[str, str]:
    return (tag, "") if tag == OUTSIDE else (tag[0], tag[2:])


def transition_mask(labels: Sequence[str]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Allowed (previous → next) tag pairs of BILUO, and which tags may open and close a run."""
    parts = [_split(t) for t in labels]
    n = len(labels)
    allowed = numpy.zeros((n, n), dtype=bool)
    for i, (p, pl) in enumerate(parts):
        for j, (q, ql) in enumerate(parts):
            if p in ("B", "I"):
                allowed[i, j] = q in ("I", "L") and ql == pl
            else:  # O, L, U: an entity is closed
                allowed[i, j] = q in ("O", "B", "U")
    may_start = numpy.array([p in ("O", "B", "U") for p, _ in parts])
    may_end = numpy.array([p in ("O", "L", "U") for p, _ in parts])
    return allowed, may_start, may_end


def _viterbi_runs(logp: numpy.ndarray, lengths: numpy.ndarray, allowed_penalty: numpy.ndarray,
                  start_penalty: numpy.ndarray, end_penalty: numpy.ndarray) -> numpy.ndarray:
    """Best valid paths of many runs at once. ``logp`` is (runs, longest, tags), padded after each
    run's end; returns (runs, longest) tag ids (padding positions are meaningless)."""
    n_runs, longest, n_tags = logp.shape
    rows = numpy.arange(n_runs)
    keep = numpy.broadcast_to(numpy.arange(n_tags), (n_runs, n_tags))  # "stay" after a run's end
    score = logp[:, 0] + start_penalty
    back = numpy.empty((n_runs, longest, n_tags), dtype=numpy.intp)
    back[:, 0] = keep
    for t in range(1, longest):
        cand = score[:, :, None] + allowed_penalty  # runs × prev × next
        prev = cand.argmax(axis=1)
        stepped = cand.max(axis=1) + logp[:, t]
        live = (t < lengths)[:, None]
        score = numpy.where(live, stepped, score)
        back[:, t] = numpy.where(live, prev, keep)
    last = (score + end_penalty).argmax(axis=1)
    path = numpy.empty((n_runs, longest), dtype=numpy.intp)
    for t in range(longest - 1, -1, -1):
        path[:, t] = last
        last = back[rows, t, last]
    return path


#: Most tokens decoded in one padded batch of runs (runs × longest run).
_MAX_PADDED_TOKENS = 65536


def _decode_runs(best: numpy.ndarray, scores: numpy.ndarray, run_starts: numpy.ndarray,
                 run_ends: numpy.ndarray, logits: bool, allowed_penalty: numpy.ndarray,
                 start_penalty: numpy.ndarray, end_penalty: numpy.ndarray) -> None:
    """Replace ``best`` inside the given runs by each run's best valid tag sequence."""
    lengths = run_ends - run_starts
    longest = int(lengths.max())
    index = numpy.minimum(run_starts[:, None] + numpy.arange(longest), len(best) - 1)
    run = scores[index].astype(numpy.float32)  # runs × longest × tags (padding repeats)
    if logits:
        run = run - run.max(axis=2, keepdims=True)
        logp = run - numpy.log(numpy.exp(run).sum(axis=2, keepdims=True))
    else:
        logp = numpy.log(numpy.maximum(run, 1e-9))
    paths = _viterbi_runs(logp, lengths, allowed_penalty, start_penalty, end_penalty)
    inside_run = numpy.arange(longest) < lengths[:, None]
    best[index[inside_run]] = paths[inside_run]


def trim_space(doc: Doc, spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans without whitespace tokens at their edges; a span of whitespace alone is dropped. A
    name never begins or ends with a line break, but on damaged text the model can tag one
    (fuzz extremes[seed=20261206, index=20478]: PER ``'\\n田'``)."""
    out = []
    for s, e, label in spans:
        while s < e and doc[s].is_space:
            s += 1
        while e > s and doc[e - 1].is_space:
            e -= 1
        if s < e:
            out.append((s, e, label))
    return out


def decode_biluo(scores: numpy.ndarray, labels: Sequence[str], masks: Optional[tuple] = None, *,
                 logits: bool = False, outside_penalty: float = 0.0) -> list[tuple[int, int, str]]:
    """Token spans ``(start, end, label)`` from per-token tag probabilities (or, with
    ``logits=True``, unnormalized scores: spaCy's tagger skips the softmax when predicting).

    ``outside_penalty`` (log units) is taken off the ``O`` tag's score of every token before
    decoding: a prior shift towards entities, for a model whose recall trails its precision.

    Where the best tag of every token already forms a valid sequence (almost everywhere), that
    sequence is the answer. The best-scoring valid sequence is searched only inside runs of
    non-``O`` tokens that break the grammar, with ``O`` on both sides of the run; that keeps
    decoding proportional to the few broken places, not to document length."""
    if masks is None:
        masks = transition_mask(labels)
    allowed, may_start, may_end = masks
    outside = labels.index(OUTSIDE)
    if outside_penalty:
        scores = scores.copy()
        if logits:
            scores[:, outside] -= outside_penalty
        else:
            scores[:, outside] *= numpy.exp(-outside_penalty)
    best = scores.argmax(axis=1)
    inside = best != outside
    if not inside.any():
        return []
    # runs of non-O tokens: [start, end)
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], inside.view(numpy.int8), [0]))))
    starts, ends = edges[::2], edges[1::2]
    # a run is broken if its first tag cannot open, its last cannot close, or a pair is not allowed
    bad_pair = ~allowed[best[:-1], best[1:]]
    broken = ~may_start[best[starts]] | ~may_end[best[ends - 1]]
    if bad_pair.any():
        bad_runs = numpy.searchsorted(starts, numpy.flatnonzero(bad_pair), side="right") - 1
        broken[bad_runs[bad_runs >= 0]] = True
    if broken.any():
        big = numpy.float32(1e4)
        allowed_penalty = numpy.where(allowed, 0.0, -big).astype(numpy.float32)
        start_penalty = numpy.where(may_start, 0.0, -big).astype(numpy.float32)
        end_penalty = numpy.where(may_end, 0.0, -big).astype(numpy.float32)
        best = best.copy()
        run_starts, run_ends = starts[broken], ends[broken]
        # runs are decoded together, padded to the longest; a group's padded size is bounded so
        # one very long run (hostile input) cannot blow up memory: it goes in a group of its own
        order = numpy.argsort(run_ends - run_starts, kind="stable")
        group: list[int] = []
        for k in order:
            length = int(run_ends[k] - run_starts[k])
            if group and (len(group) + 1) * length > _MAX_PADDED_TOKENS:
                _decode_runs(best, scores, run_starts[group], run_ends[group], logits,
                             allowed_penalty, start_penalty, end_penalty)
                group = []
            group.append(k)
        _decode_runs(best, scores, run_starts[group], run_ends[group], logits,
                     allowed_penalty, start_penalty, end_penalty)
    # best is now a valid sequence: every B is closed by the next L, U stands alone
    kinds = numpy.array([_split(t)[0] for t in labels])[best]
    names = [_split(t)[1] for t in labels]
    opens = numpy.flatnonzero((kinds == "B") | (kinds == "U"))
    closes = numpy.flatnonzero((kinds == "L") | (kinds == "U")) + 1
    return [(int(s), int(e), names[best[s]]) for s, e in zip(opens, closes)]


# ----------------------------------------------------------------------------- component


class BiluoEntityTagger(Tagger):
    """A spaCy ``Tagger`` whose tags are BILUO entity tags, read from and written to
    ``doc.ents``. It learns from entity annotation directly (missing annotation stays missing,
    as for spaCy's ``ner``), so the same DocBins train either component."""

    def __init__(self, vocab, model, name: str = "ner", *, scorer: Optional[Callable] = None,
                 outside_penalty: float = 0.0):
        super().__init__(vocab, model, name, overwrite=True, scorer=scorer or entity_tagger_score)
        self._masks = None
        self.outside_penalty = outside_penalty

    @property
    def entity_labels(self) -> tuple[str, ...]:
        return tuple(sorted({_split(t)[1] for t in self.labels if t != OUTSIDE}))

    def _decode_masks(self):
        if self._masks is None or self._masks[0] != tuple(self.labels):
            self._masks = (tuple(self.labels), transition_mask(self.labels))
        return self._masks[1]

    def predict(self, docs: Iterable[Doc]):
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(0, len(self.labels)) for _ in docs]
        if len(self.model.layers) == 2 and self.model.has_ref("tok2vec") and self.model.has_ref("softmax"):
            # spaCy's Tagger.v2, chain(tok2vec, with_array(softmax)), one document at a time:
            # with_array copies the batch's vectors into one array first, as large as the
            # tok2vec output (190 MB for a document of 750 k characters); the output layer works
            # row by row, so the scores are the same
            output_layer = self.model.get_ref("softmax")
            return [output_layer.predict(x) for x in self.model.get_ref("tok2vec").predict(docs)]
        return self.model.predict(docs)

    def set_annotations(self, docs: Iterable[Doc], batch_scores) -> None:
        if isinstance(docs, Doc):
            docs = [docs]
        labels = list(self.labels)
        masks = self._decode_masks()
        logits = not self.model.get_ref("softmax").attrs.get("softmax_normalize", True)
        for doc, scores in zip(docs, batch_scores):
            scores = self.model.ops.to_numpy(scores)
            if not len(doc):
                continue
            spans = decode_biluo(scores, labels, masks, logits=logits,
                                 outside_penalty=self.outside_penalty)
            doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in trim_space(doc, spans)], default="outside")

    def get_loss(self, examples, scores):
        validate_examples(examples, "BiluoEntityTagger.get_loss")
        loss_func = SequenceCategoricalCrossentropy(names=self.labels, normalize=False)
        truths = []
        for eg in examples:
            tags = eg.get_aligned_ner()  # None where the annotation is missing
            truths.append([t if t in self.labels else None for t in tags])
        d_scores, loss = loss_func(scores, truths)
        if self.model.ops.xp.isnan(loss):
            raise ValueError(f"NaN loss in {self.name}")
        return float(loss), d_scores

    def initialize(self, get_examples, *, nlp=None, labels=None):
        if labels is None:
            found = set()
            for eg in get_examples():
                found.update(ent.label_ for ent in eg.reference.ents)
            labels = sorted(found)
        entity_labels = [lab for lab in labels if lab != OUTSIDE and lab[:2] not in ("B-", "I-", "L-", "U-")]
        tags = [OUTSIDE] + [f"{p}-{lab}" for lab in sorted(entity_labels) for p in "BILU"]
        if not entity_labels:  # labels given as tags already (from `spacy init labels`)
            tags = list(labels)
        for tag in tags:
            self.add_label(tag)
        doc_sample, label_sample = [], []
        for eg in get_examples():
            doc_sample.append(eg.x)
            gold = eg.get_aligned_ner()
            label_sample.append(self.model.ops.asarray(
                [[1.0 if t == g else 0.0 for t in self.labels] for g in gold], dtype="float32"))
            if len(doc_sample) >= 10:
                break
        self.model.initialize(X=doc_sample, Y=label_sample)


def entity_tagger_score(examples, **kwargs):
    return get_ner_prf(examples, **kwargs)


@registry.scorers("news.entity_tagger_scorer.v1")
def make_entity_tagger_scorer():
    return entity_tagger_score


@Language.factory(
    "biluo_ner",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    default_config={
        "model": {
            "@architectures": "spacy.Tagger.v2",
            "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 64, "upstream": "*"},
        },
        "scorer": {"@scorers": "news.entity_tagger_scorer.v1"},
        "outside_penalty": 0.0,
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_biluo_ner(nlp: Language, name: str, model: Model, scorer: Optional[Callable],
                   outside_penalty: float):
    return BiluoEntityTagger(nlp.vocab, model, name, scorer=scorer, outside_penalty=outside_penalty)
