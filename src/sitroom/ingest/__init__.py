"""Readers: files, folders, globs, standard input and feeds become Documents.

Contract used by the pipeline and the CLI::

    iter_inputs(inputs, published=None, max_bytes=MAX_BYTES) -> Iterator[InputRecord]

Every input unit (a file, a JSON Lines line, an element of a JSON array, a feed
entry) yields exactly one InputRecord: either a Document or an error reason,
never an exception, so a batch always finishes and every input is accounted for
in the ledger.

One reader per module: ``text`` (plain text), ``jsonfmt`` (JSON and JSON Lines),
``html`` (web pages), ``feed`` (RSS and Atom); ``decode`` turns bytes into clean
text, ``sniff`` picks the reader, ``sources`` walks paths, globs and stdin.
"""

from __future__ import annotations

from sitroom.ingest.jsonfmt import read_object
from sitroom.ingest.record import MAX_BYTES, InputRecord
from sitroom.ingest.sources import iter_inputs, read_bytes

__all__ = ["MAX_BYTES", "InputRecord", "iter_inputs", "read_bytes", "read_object"]
