"""Turkish fragments inside English documents: find them, pair them with their English.

:func:`~.detect.detect_fragments` finds the Turkish spans (paragraphs,
sentences, quotations); :func:`~.pair.pair_fragments` finds for each the English
sentence that renders it, or none; :func:`~.pair.find_fragments` does both.
Values are in :mod:`.model`.
"""
