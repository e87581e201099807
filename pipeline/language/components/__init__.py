"""spaCy factories, in the order they run (see ``pipeline/language/build.py``).

Importing this package registers every factory with spaCy:

==================  ====================  ==============================================
module              factory               writes
==================  ====================  ==============================================
``page``            ``page_structure``    articles, datelines, bylines, sentences
``values``          ``value_ruler``       DATE MONEY AREA PERCENT QUANTITY candidates
``names``           ``name_ruler``        ORG LOC PER candidates from grammar and lexicons
``resolver``        ``entity_resolver``   the decided entities (model vs rules)
``titles``          ``person_titles``     PER values: titles and organization
``places``          ``place_resolver``    LOC values: province, city, county
``canonical``       ``canonical_names``   full names for short forms
``events``          ``event_extractor``   event records with roles
``output_policy``   ``output_policy``     drops entities a result does not name
``entity_tagger``   ``biluo_ner``         PER ORG LOC from the trained model (``doc.ents``)
==================  ====================  ==============================================

``window_encoder`` registers no factory: the encoder architectures of the NER's tok2vec,
``news.DilatedWindowEncoder.v1`` (the shipped model's) and ``news.MaxoutWindowEncoder.v1``
(spaCy's encoder with a leaner inference path, which the models before it used).
"""

from . import (  # noqa: F401
    canonical, entity_tagger, events, names, output_policy, page, places, resolver, titles, values, window_encoder,
)
