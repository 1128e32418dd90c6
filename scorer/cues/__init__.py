"""Cues: the evidence found in a text, a layer below the features.

``match`` (what a cue is), ``lexicon`` (word-phrase cues from the word lists), ``finders``
(regular-expression cues), ``document`` (every cue of a document, given to its sentences and
told apart as the writer's or someone else's) and ``claims`` (each sentence's claim class).
This package depends only on ``scorer.text`` and ``scorer.resources``.
"""
