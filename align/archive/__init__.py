"""Archives: documents of any length in bounded memory, and many documents at once.

:mod:`.compact` holds a long document as its text and three integer arrays;
:mod:`.windowed` aligns a pair of any length window by window around the
aligner; :mod:`.pair` picks one pass or windows for a pair. A batch
(``hizala batch``, ``hizala fragments`` with many articles) is a list of
tasks (:mod:`.jobs`, :mod:`.articles`) run by :mod:`.engine` in this process
or on a Dask cluster (:mod:`.cluster`), skipping what is current
(:mod:`.stamp`) and collecting the corpus TMX (:mod:`.corpus_tmx`).
"""
