"""Glossaries: load and edit ``glossary.yaml``, find terms in Turkish and English, check pairs.

Modules: :mod:`.model` (values), :mod:`.yaml_store` (load/save with comments kept),
:mod:`.turkish` / :mod:`.tr_morph` / :mod:`.tr_lexicon` (Turkish inflection-aware
matching), :mod:`.english` (English renderings), :mod:`.match` (both sides of a
sentence pair), :mod:`.csv_io` and :mod:`.tbx` (import/export).
"""
