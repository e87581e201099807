"""The BILUO entity tagger (``pipeline/language/components/entity_tagger.py``): decoding under the tag
grammar, the bigram features, and the component learning from entity annotation."""

from __future__ import annotations

import itertools

import numpy
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import fix_random_seed

from pipeline.language.components.entity_tagger import char_features, decode_biluo, transition_mask

LABELS = ["O", "B-LOC", "I-LOC", "L-LOC", "U-LOC", "B-PER", "I-PER", "L-PER", "U-PER"]


def rows(*tokens: dict[str, float]) -> numpy.ndarray:
    """One probability row per token; mass not given goes to the 1e-6 floor."""
    out = numpy.full((len(tokens), len(LABELS)), 1e-6, dtype="float32")
    for i, probs in enumerate(tokens):
        for tag, p in probs.items():
            out[i, LABELS.index(tag)] = p
    return out


O = {"O": 0.9}

# (name, per-token probabilities, expected spans); hand-worked: the best product of probabilities
# among sequences the grammar allows, with O fixed around each run of non-O tokens.
DECODE_CASES = [
    ("nothing", [O, O, O], []),
    ("clean B I L", [O, {"B-PER": .8}, {"I-PER": .8}, {"L-PER": .8}, O], [(1, 4, "PER")]),
    ("unit", [O, O, {"U-LOC": .7, "O": .2}], [(2, 3, "LOC")]),
    ("two units side by side", [{"U-PER": .8}, {"U-LOC": .8}], [(0, 1, "PER"), (1, 2, "LOC")]),
    # B cannot end a run before O: U-PER (.3) beats O (.1)
    ("dangling B becomes U", [O, {"B-PER": .6, "U-PER": .3, "O": .1}, O], [(1, 2, "PER")]),
    # I cannot start a run: U-LOC .2 beats O .1
    ("lonely I becomes U", [O, {"I-LOC": .7, "U-LOC": .2, "O": .1}, O], [(1, 2, "LOC")]),
    # B-PER·L-PER = .5·.35 = .175 < B-LOC·L-LOC = .4·.55 = .22
    ("labels must agree", [{"B-PER": .5, "B-LOC": .4, "O": .1}, {"L-LOC": .55, "L-PER": .35, "O": .1}],
     [(0, 2, "LOC")]),
    # B-PER then O-best: B·L impossible via O; U-PER·O = .5·.5 beats B-PER·L-PER = .5·.3
    ("run cut short", [{"B-PER": .5, "U-PER": .5}, {"L-PER": .3, "O": .5}, O], [(0, 1, "PER")]),
]


@pytest.mark.parametrize("name,probs,expected", DECODE_CASES, ids=[c[0] for c in DECODE_CASES])
def test_decode_biluo(name, probs, expected):
    assert decode_biluo(rows(*probs), LABELS) == expected


def test_outside_penalty_shifts_close_calls_towards_entities():
    # worked by hand: O .5 against U-PER .3 is a ratio of 5/3 (log 0.51); a penalty of 0.4 keeps
    # O, 0.7 turns it (.5 * e^-0.7 = .248 < .3); a clear O (.9 against 1e-6) stays O at 0.7
    probs = rows(O, {"O": .5, "U-PER": .3}, O)
    assert decode_biluo(probs, LABELS) == []
    assert decode_biluo(probs, LABELS, outside_penalty=0.4) == []
    assert decode_biluo(probs, LABELS, outside_penalty=0.7) == [(1, 2, "PER")]
    # logits: the same shift is a subtraction
    logits = numpy.log(probs) + 3.0
    assert decode_biluo(logits, LABELS, logits=True, outside_penalty=0.7) == [(1, 2, "PER")]
    assert decode_biluo(logits, LABELS, logits=True, outside_penalty=0.4) == []
    numpy.testing.assert_array_equal(probs, rows(O, {"O": .5, "U-PER": .3}, O))  # not changed in place


def test_transition_mask_is_the_biluo_grammar():
    allowed, may_start, may_end = transition_mask(LABELS)
    ix = LABELS.index
    assert allowed[ix("B-PER"), ix("I-PER")] and allowed[ix("I-PER"), ix("L-PER")]
    assert not allowed[ix("B-PER"), ix("L-LOC")]
    assert not allowed[ix("B-PER"), ix("O")]
    assert not allowed[ix("O"), ix("I-LOC")]
    assert allowed[ix("L-PER"), ix("U-LOC")] and allowed[ix("U-LOC"), ix("B-PER")]
    assert list(may_start) == [t[0] in "OBU" for t in LABELS]
    assert list(may_end) == [t[0] in "OLU" for t in LABELS]


@st.composite
def valid_spans(draw):
    """A document length and non-overlapping labelled spans in it."""
    pieces = draw(st.lists(st.tuples(st.integers(0, 2), st.integers(1, 5),
                                     st.sampled_from(["PER", "LOC"])), max_size=6))
    spans, i = [], 0
    for gap, length, label in pieces:  # O tokens, then an entity
        i += gap
        spans.append((i, i + length, label))
        i += length
    return i + draw(st.integers(0 if spans else 1, 2)), spans


def biluo(n, spans):
    tags = ["O"] * n
    for s, e, lab in spans:
        if e - s == 1:
            tags[s] = f"U-{lab}"
        else:
            tags[s], tags[e - 1] = f"B-{lab}", f"L-{lab}"
            for k in range(s + 1, e - 1):
                tags[k] = f"I-{lab}"
    return tags


@settings(max_examples=200, deadline=None)
@given(valid_spans(), st.integers(0, 2**32 - 1))
def test_a_valid_best_sequence_is_decoded_as_it_is(case, seed):
    n, spans = case
    rng = numpy.random.default_rng(seed)
    scores = rng.uniform(0.0, 0.3, size=(n, len(LABELS))).astype("float32")
    for i, tag in enumerate(biluo(n, spans)):
        scores[i, LABELS.index(tag)] = 0.5
    assert decode_biluo(scores, LABELS) == spans


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 25), st.integers(0, 2**32 - 1))
def test_any_scores_decode_to_a_valid_span_set(n, seed):
    scores = numpy.random.default_rng(seed).dirichlet(numpy.ones(len(LABELS)) * 0.3, size=n).astype("float32")
    spans = decode_biluo(scores, LABELS)
    assert all(0 <= s < e <= n for s, e, _ in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # sorted, no overlap
    # the same scores as logits (log-probabilities shifted by a per-row constant) decode alike
    shifted = numpy.log(scores) + numpy.arange(n, dtype="float32")[:, None]
    assert decode_biluo(shifted, LABELS, logits=True) == spans


def exhaustive_decode(scores: numpy.ndarray) -> list[tuple[int, int, str]]:
    """The decoder's definition, the slow way: O where the best tag is O; inside each run of
    other tokens, the valid tag sequence (O around it) with the highest product of scores,
    found by trying every sequence."""
    allowed, may_start, may_end = transition_mask(LABELS)
    best = scores.argmax(axis=1)
    tags = ["O"] * len(best)
    i = 0
    while i < len(best):
        if LABELS[best[i]] == "O":
            i += 1
            continue
        j = i
        while j < len(best) and LABELS[best[j]] != "O":
            j += 1
        top, top_seq = -numpy.inf, None
        for seq in itertools.product(range(len(LABELS)), repeat=j - i):
            if not (may_start[seq[0]] and may_end[seq[-1]]
                    and all(allowed[a, b] for a, b in zip(seq, seq[1:]))):
                continue
            value = sum(numpy.log(scores[i + k, t]) for k, t in enumerate(seq))
            if value > top:
                top, top_seq = value, seq
        tags[i:j] = [LABELS[t] for t in top_seq]
        i = j
    spans, open_at = [], None
    for k, tag in enumerate(tags):
        if tag[0] == "U":
            spans.append((k, k + 1, tag[2:]))
        elif tag[0] == "B":
            open_at = k
        elif tag[0] == "L":
            spans.append((open_at, k + 1, tag[2:]))
    return spans


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 7), st.integers(0, 2**32 - 1))
def test_decoding_equals_the_exhaustive_search(n, seed):
    rng = numpy.random.default_rng(seed)
    scores = rng.dirichlet(numpy.ones(len(LABELS)) * 0.3, size=n).astype("float64")
    # keep runs short enough to enumerate: every third token is O-best
    scores[2::3, 0] = 2.0
    scores /= scores.sum(axis=1, keepdims=True)
    assert decode_biluo(scores, LABELS) == exhaustive_decode(scores)


def test_decoding_in_small_groups_gives_the_same_spans(monkeypatch):
    from pipeline.language.components import entity_tagger

    scores = numpy.random.default_rng(7).dirichlet(numpy.ones(len(LABELS)) * 0.3, size=300)
    expected = decode_biluo(scores, LABELS)
    monkeypatch.setattr(entity_tagger, "_MAX_PADDED_TOKENS", 3)
    assert decode_biluo(scores, LABELS) == expected


def test_one_very_long_broken_run_is_decoded_alone():
    # 20,000 tokens whose best tag is I-LOC (an I cannot open a run): the best valid reading is
    # B-LOC I-LOC … L-LOC, one place; padded with the short runs it would need 20,000 × runs rows
    n = 20_000
    scores = numpy.full((n + 6, len(LABELS)), 0.01)
    scores[:n, LABELS.index("I-LOC")] = 0.9
    scores[n:, LABELS.index("O")] = 0.9
    scores[n + 2::2, LABELS.index("O")] = 0.01  # short broken runs after it: I-PER best,
    scores[n + 2::2, LABELS.index("I-PER")] = 0.95  # U-PER the best valid reading
    scores[n + 2::2, LABELS.index("U-PER")] = 0.3
    spans = decode_biluo(scores, LABELS)
    assert spans[0] == (0, n, "LOC")
    assert spans[1:] == [(n + 2, n + 3, "PER"), (n + 4, n + 5, "PER")]


# ----------------------------------------------------------------------------- features


def chars(nlp, text):
    return Doc(nlp.vocab, words=list(text), spaces=[False] * len(text))


def test_bigram_ids_depend_on_the_pair_not_the_document():
    nlp = spacy.blank("zh")
    a = char_features(chars(nlp, "长江大桥"))
    b = char_features(chars(nlp, "市长江西"))
    # 江 after 长 in both: same left-bigram id; 长 before 江 in both: same right-bigram id
    assert a[1, 2] == b[2, 2]
    assert a[0, 3] == b[1, 3]
    # 长 itself: same character id, different left neighbour (edge vs 市)
    assert a[0, 0] == b[1, 0]
    assert a[0, 2] != b[1, 2]


def test_features_are_norm_shape_and_two_bigrams():
    nlp = spacy.blank("zh")
    doc = chars(nlp, "北京市")
    feats = char_features(doc)
    assert feats.shape == (3, 4) and feats.dtype == numpy.uint64
    assert [int(x) for x in feats[:, 0]] == [t.norm for t in doc]
    assert [int(x) for x in feats[:, 1]] == [t.shape for t in doc]
    assert len({int(x) for x in feats[:, 2]} | {int(x) for x in feats[:, 3]}) == 6
    assert char_features(chars(nlp, "")).shape == (0, 4)


def test_lexicon_column_is_the_code_of_each_token_first_character():
    from pipeline.language.components.entity_tagger import lexicon_features
    from pipeline.core.lexicon import NameLexicon
    from pipeline.language.build import CharTokenizer

    lex = NameLexicon.from_text("北京 1 ns\n李鹏 1 nr\n")
    nlp = spacy.blank("zh")
    doc = CharTokenizer(nlp.vocab)("李鹏  去北京")  # 鹏 takes one space, the other is a token
    assert [(t.text, t.idx) for t in doc] == [("李", 0), ("鹏", 1), (" ", 3), ("去", 4), ("北", 5), ("京", 6)]
    feats = lexicon_features(lex).predict([doc])[0]
    assert feats.shape == (6, 5)
    codes = lex.char_codes(doc.text)
    assert [int(x) for x in feats[:, 4]] == [int(codes[t.idx]) for t in doc]
    # 李鹏: person begin/end (category 1 → bits 2-3); 北京: place begin/end (bits 0-1)
    assert [int(x) for x in feats[:, 4]] == [1 << 2, 3 << 2, 0, 0, 1, 3]


def test_soft_lexicon_columns_are_the_word_codes_of_each_token_first_character():
    from pipeline.core.lexicon import NameLexicon, WordLexicon
    from pipeline.language.build import CharTokenizer
    from pipeline.language.components.entity_tagger import lexicon_features

    names = NameLexicon.from_text("北京 1 ns\n")
    words = WordLexicon.from_text("北京 1 ns\n北京市 1 ns\n去 1 v\n")
    nlp = spacy.blank("zh")
    doc = CharTokenizer(nlp.vocab)("去  北京市")  # 去 takes one space, the other is a token
    feats = lexicon_features(names, words).predict([doc])[0]
    assert feats.shape == (5, 8)
    codes = words.char_codes(doc.text)
    assert [[int(x) for x in row] for row in feats[:, 5:]] == [[int(x) for x in codes[t.idx]] for t in doc]
    # 北: begins 北京 and 北京市 (place bit 0; longest 3 in bits 8-10); 京 ends 北京, is inside
    # 北京市; 市 ends 北京市; 去 is a one-character word (no code), the space token has none
    place, three, two = 1, 3 << 8, 2 << 8
    assert [[int(x) for x in row] for row in feats[:, 5:]] == [
        [0, 0, 0], [0, 0, 0], [place | three, 0, 0], [0, place, place | two], [0, 0, place | three]]


# ----------------------------------------------------------------------------- the component

TRAIN = [
    ("张三在北京工作", [(0, 2, "PER"), (3, 5, "LOC")]),
    ("李四去上海开会", [(0, 2, "PER"), (3, 5, "LOC")]),
    ("王五到广州出差", [(0, 2, "PER"), (3, 5, "LOC")]),
    ("赵六在天津读书", [(0, 2, "PER"), (3, 5, "LOC")]),
]


SOFT_LEXICON_EMBED = {"@architectures": "news.SoftLexiconEmbed.v1", "width": 32, "char_rows": 500,
                      "shape_rows": 50, "bigram_rows": 500, "lexicon_rows": 50, "word_rows": 100,
                      "lexicon": "jieba 0.42.1"}


def small_pipeline(encoder: str = "spacy.MaxoutWindowEncoder.v2", embed: dict | None = None,
                   ner_factory: str = "biluo_ner", ner_config: dict | None = None):
    import pipeline.language.components  # noqa: F401  (registers biluo_ner and the embedding)

    if encoder == "news.DilatedWindowEncoder.v1":
        encode = {"@architectures": encoder, "width": 32, "dilations": [1, 3], "maxout_pieces": 2}
    else:
        encode = {"@architectures": encoder, "width": 32, "depth": 2,
                  "window_size": 1, "maxout_pieces": 2}

    nlp = spacy.blank("zh")  # character tokens
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": embed or {"@architectures": "news.CharBigramEmbed.v1", "width": 32, "char_rows": 500,
                           "shape_rows": 50, "bigram_rows": 500},
        "encode": encode}})
    nlp.add_pipe(ner_factory, name="ner", config={**(ner_config or {}), "model": {
        "@architectures": "spacy.Tagger.v2",
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "*"}}})
    return nlp


def examples(nlp, data):
    out = []
    for text, ents in data:
        doc = nlp.make_doc(text)
        ref = nlp.make_doc(text)
        ref.set_ents([ref.char_span(s, e, label=lab) for s, e, lab in ents], default="outside")
        out.append(Example(doc, ref))
    return out


@pytest.fixture(scope="module")
def trained():
    # a fixed seed: the initial weights otherwise come from the global random state, and one CI
    # run in a fresh environment drew a start from which 李四在北京开会 lost 李四 (seeds 0-59 all
    # learn it locally)
    fix_random_seed(0)
    nlp = small_pipeline()
    egs = examples(nlp, TRAIN)
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(60):
        nlp.update(egs, sgd=optimizer, drop=0.0)
    return nlp


def test_labels_are_biluo_tags_of_the_entity_labels(trained):
    ner = trained.get_pipe("ner")
    assert ner.labels == ("O", "B-LOC", "I-LOC", "L-LOC", "U-LOC", "B-PER", "I-PER", "L-PER", "U-PER")
    assert ner.entity_labels == ("LOC", "PER")


def test_it_learns_entities_from_entity_annotation(trained):
    doc = trained("李四在北京开会")
    assert [(e.text, e.label_) for e in doc.ents] == [("李四", "PER"), ("北京", "LOC")]


def test_saved_and_loaded_it_predicts_the_same(trained, tmp_path):
    trained.to_disk(tmp_path / "m")
    again = spacy.load(tmp_path / "m")
    texts = ["张三去天津出差", "赵六到上海"]
    assert ([[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in again.pipe(texts)]
            == [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in trained.pipe(texts)])


def test_missing_annotation_gives_no_gradient(trained):
    ner = trained.get_pipe("ner")
    doc = trained.make_doc("张三在北京")
    ref = trained.make_doc("张三在北京")  # no entity annotation at all: every tag missing
    eg = Example(doc, ref)
    scores = [ner.model.ops.asarray2f(numpy.full((len(doc), len(ner.labels)), 1 / len(ner.labels),
                                                dtype="float32"))]
    loss, d_scores = ner.get_loss([eg], scores)
    assert loss == 0.0 and not numpy.asarray(d_scores[0]).any()
    labelled = examples(trained, [("张三在北京", [(0, 2, "PER")])])
    _, d_labelled = ner.get_loss(labelled, scores)
    assert numpy.asarray(d_labelled[0]).any()


# ---------------------------------------------------------------- fused inference of the embedding

def embedding_of(nlp):
    return next(node for node in nlp.get_pipe("tok2vec").model.walk() if node.name == "char_mixed_tables")


def test_fused_inference_equals_the_chain_of_layers(trained):
    from thinc.layers.chain import forward as chain_forward

    embed = embedding_of(trained)
    docs = [trained.make_doc(t) for t in ["李四在北京开会", "", "赵六到上海，张三去天津。"]]
    fused, _ = embed(docs, is_train=False)
    layered, _ = chain_forward(embed, docs, is_train=False)  # what training computes
    assert [f.shape for f in fused] == [(7, 32), (0, 32), (12, 32)]
    for f, c in zip(fused, layered):
        numpy.testing.assert_allclose(f, c, rtol=1e-4, atol=1e-4)


def test_fused_inference_of_the_soft_lexicon_embedding_equals_its_layers():
    # eight tables, four of them over small lexicon codes (deduplicated without sorting)
    from thinc.layers.chain import forward as chain_forward

    fix_random_seed(0)
    nlp = small_pipeline(embed=SOFT_LEXICON_EMBED)
    egs = examples(nlp, TRAIN)
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(3):
        nlp.update(egs, sgd=optimizer, drop=0.0)
    embed = embedding_of(nlp)
    docs = [nlp.make_doc(t) for t in ["中国人民银行行长在北京开会", "", "国务院总理会见外宾。"]]
    fused, _ = embed(docs, is_train=False)
    layered, _ = chain_forward(embed, docs, is_train=False)
    assert [f.shape for f in fused] == [(13, 32), (0, 32), (10, 32)]
    for f, c in zip(fused, layered):
        numpy.testing.assert_allclose(f, c, rtol=1e-4, atol=1e-4)


def test_character_vectors_are_a_frozen_table_the_model_carries(tmp_path):
    # train/prepare_char_vectors.py writes chars + vectors; the model keeps both, reads no file again
    from thinc.layers.chain import forward as chain_forward

    chars = "李四北京张三天津上海"
    rng = numpy.random.default_rng(0)
    numpy.savez(tmp_path / "v.npz", chars=numpy.array(chars),
                vectors=rng.normal(0, 0.1, (len(chars), 32)).astype("float32"))
    fix_random_seed(0)
    nlp = small_pipeline(embed={**SOFT_LEXICON_EMBED, "char_vectors": str(tmp_path / "v.npz")})
    egs = examples(nlp, TRAIN)
    optimizer = nlp.initialize(lambda: egs)
    table = next(n for n in nlp.get_pipe("tok2vec").model.walk() if n.name == "charvectors")
    E = table.get_param("E").copy()
    assert E.shape == (len(chars) + 1, 32) and not E[0].any()  # row 0: a character without a vector
    for _ in range(3):
        nlp.update(egs, sgd=optimizer, drop=0.0)
    numpy.testing.assert_array_equal(table.get_param("E"), E)  # frozen
    embed = embedding_of(nlp)
    docs = [nlp.make_doc(t) for t in ["李四在北京开会", "", "赵六到上海，𠀀去天津。"]]
    fused, _ = embed(docs, is_train=False)
    layered, _ = chain_forward(embed, docs, is_train=False)
    for f, c in zip(fused, layered):
        numpy.testing.assert_allclose(f, c, rtol=1e-4, atol=1e-4)
    nlp.to_disk(tmp_path / "m")
    (tmp_path / "v.npz").unlink()
    again = spacy.load(tmp_path / "m")
    loaded = next(n for n in again.get_pipe("tok2vec").model.walk() if n.name == "charvectors")
    assert loaded.attrs["charset"] == chars
    numpy.testing.assert_array_equal(loaded.get_param("E"), E)
    texts = ["张三去天津出差", "赵六到上海"]
    assert ([[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in again.pipe(texts)]
            == [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts)])


def test_fused_inference_follows_training_updates():
    from thinc.layers.chain import forward as chain_forward

    nlp = small_pipeline()
    egs = examples(nlp, TRAIN)
    optimizer = nlp.initialize(lambda: egs)
    embed = embedding_of(nlp)
    docs = [nlp.make_doc("李四在北京开会")]
    before, _ = embed(docs, is_train=False)  # builds the projected tables
    for _ in range(5):  # Adam changes the weights in place (not yet on the first step)
        nlp.update(egs, sgd=optimizer, drop=0.0)
    after, _ = embed(docs, is_train=False)
    layered, _ = chain_forward(embed, docs, is_train=False)
    assert numpy.abs(before[0] - after[0]).max() > 1e-3
    numpy.testing.assert_allclose(after[0], layered[0], rtol=1e-5, atol=1e-5)


# ---------------------------------------------------------------- the encoder's inference path

@pytest.mark.parametrize("encoder", ["news.MaxoutWindowEncoder.v1", "news.DilatedWindowEncoder.v1"])
def test_encoder_inference_equals_its_layers_and_follows_updates(encoder):
    """The lean inference pass equals thinc's layer-by-layer path (for MaxoutWindowEncoder.v1,
    spaCy's own MaxoutWindowEncoder.v2 layers), also after training has changed the weights."""
    from thinc.layers.with_array import forward as with_array_forward

    nlp = small_pipeline(encoder)
    egs = examples(nlp, TRAIN)
    optimizer = nlp.initialize(lambda: egs)
    encoder = nlp.get_pipe("tok2vec").model.get_ref("encode")
    Xs = [numpy.random.default_rng(k).normal(size=(n, 32)).astype("float32") for k, n in enumerate((7, 1, 12))]
    before, _ = encoder(Xs, is_train=False)
    for _ in range(5):
        nlp.update(egs, sgd=optimizer, drop=0.0)
    after, _ = encoder(Xs, is_train=False)
    layered, _ = with_array_forward(encoder, Xs, is_train=False)
    assert [a.shape for a in after] == [(7, 32), (1, 32), (12, 32)]
    assert max(numpy.abs(b - a).max() for b, a in zip(before, after)) > 1e-3
    for a, c in zip(after, layered):
        numpy.testing.assert_allclose(a, c, rtol=1e-5, atol=1e-5)


def test_weights_of_spacys_encoder_load_into_ours(trained, tmp_path):
    ours = small_pipeline("news.MaxoutWindowEncoder.v1")
    ours.initialize(lambda: examples(ours, TRAIN))
    ours("张三去天津出差")  # the inference path has read the initial weights
    ours.from_bytes(trained.to_bytes())  # trained with spacy.MaxoutWindowEncoder.v2: new arrays
    docs = [ours.make_doc(t) for t in ["李四在北京开会", "张三去天津出差"]]
    vectors = ours.get_pipe("tok2vec").predict(docs)
    expected = trained.get_pipe("tok2vec").predict(docs)
    for v, e in zip(vectors, expected):
        numpy.testing.assert_allclose(v, e, rtol=1e-5, atol=1e-5)
    assert [(e.text, e.label_) for e in ours("李四在北京开会").ents] == [("李四", "PER"), ("北京", "LOC")]


# ---------------------------------------------------------------- the dilated encoder

def test_dilated_columns_put_each_row_beside_the_rows_d_away():
    from pipeline.language.components.window_encoder import dilated_columns

    X = numpy.array([[1.0], [2.0], [3.0], [4.0], [5.0]], dtype="float32")
    # worked by hand: row i is [X[i-2], X[i], X[i+2]], zero past either end
    assert dilated_columns(X, 2).tolist() == [[0, 1, 3], [0, 2, 4], [1, 3, 5], [2, 4, 0], [3, 5, 0]]
    assert dilated_columns(X, 9).tolist() == [[0, v, 0] for v in range(1, 6)]


def test_dilated_window_gradient_is_the_transpose_of_its_forward():
    from pipeline.language.components.window_encoder import dilated_window

    layer = dilated_window(2)
    rng = numpy.random.default_rng(0)
    X = rng.normal(size=(6, 3)).astype("float32")
    Y, backprop = layer(X, is_train=True)
    dY = rng.normal(size=Y.shape).astype("float32")
    # the layer is linear, so d<dY, Y(X)>/dX[i, j] = <dY, Y(e_ij)>
    expected = numpy.zeros_like(X)
    for i in range(6):
        for j in range(3):
            E = numpy.zeros_like(X)
            E[i, j] = 1.0
            expected[i, j] = (dY * layer(E, is_train=False)[0]).sum()
    numpy.testing.assert_allclose(backprop(dY), expected, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("is_train", [False, True])
def test_dilated_encoder_keeps_documents_of_a_batch_apart(is_train):
    nlp = small_pipeline("news.DilatedWindowEncoder.v1")
    nlp.initialize(lambda: examples(nlp, TRAIN))
    encoder = nlp.get_pipe("tok2vec").model.get_ref("encode")
    rng = numpy.random.default_rng(1)
    first = rng.normal(size=(9, 32)).astype("float32")
    other = [rng.normal(size=(9, 32)).astype("float32") for _ in range(2)]
    # the second document differs completely; the first one's vectors must not move
    a, _ = encoder([first, other[0]], is_train=is_train)
    b, _ = encoder([first, other[1]], is_train=is_train)
    numpy.testing.assert_array_equal(a[0], b[0])
    assert numpy.abs(a[1] - b[1]).max() > 1e-3


# (characters, the model's span, the span kept): a name never begins or ends with whitespace
TRIM_SPACE_CASES = {
    # fuzz extremes[seed=20261206, index=20478]: PER '\n田' on damaged text
    "fuzz:line-break-first": (["县", "\n", "田", "。"], (1, 3, "PER"), [(2, 3, "PER")]),
    "own:line-break-last": (["李", "明", "\n", "说"], (0, 3, "PER"), [(0, 2, "PER")]),
    "own:whitespace-alone": (["县", "\n", "\n", "说"], (1, 3, "LOC"), []),
    "own:break-inside-kept": (["周", "\n", "启", "明"], (0, 4, "PER"), [(0, 4, "PER")]),
}


@pytest.mark.parametrize("words, span, kept", TRIM_SPACE_CASES.values(), ids=TRIM_SPACE_CASES.keys())
def test_model_spans_lose_whitespace_at_their_edges(words, span, kept):
    from spacy.tokens import Doc

    from pipeline.language.components.entity_tagger import trim_space

    doc = Doc(spacy.blank("zh").vocab, words=words, spaces=[False] * len(words))
    assert trim_space(doc, [span]) == kept


def test_a_model_directory_named_in_the_environment_must_be_a_pipeline(tmp_path, monkeypatch):
    # a mistyped NEWS_MODEL_DIR used to run the rules alone without a word
    from pipeline.language.build import MODEL_DIR, model_dir

    monkeypatch.setenv("NEWS_MODEL_DIR", str(tmp_path / "no-such-model"))
    with pytest.raises(ValueError, match="no spaCy pipeline directory"):
        model_dir()
    monkeypatch.delenv("NEWS_MODEL_DIR")
    assert model_dir() == MODEL_DIR
