"""The text layer below every stage: the recognisers and normalisers that cleaning, metadata, linking,
quotes and events all need, each done once.

Modules here import only `sorot.data`, `sorot.schema` and libraries, never a stage (tests/text/test_layers.py
checks it), so any stage may use them without reaching into another stage:

- `normalise`: case/accent folding and the comparison keys built on it
- `sentences`: the one sentence splitter (character offsets)
- `words`: Sastrawi stems, common-word test, name particles, the verb-prefix heuristic
- `dates`, `temporal`: publication dates with time zones; time expressions in sentences
- `bylines`, `outlets`, `datelines`, `headlines`: who wrote it, who published it, where it was filed
- `html`: whether a document is HTML; the JSON-LD article objects of a page
"""
