"""What every form's importer provides to the import service (services/surveys.py): its form
spec, the columns a file must have, a per-row check, and a chunk writer.

The service reads the file a chunk of rows at a time, hands the chunk to `check` (which adds
issues in Indonesian to the rows it refuses), then to `write`, which stores the good rows and may
still add issues (conflicts that only the database can reveal, such as a NIK that heads another
household). Rows with issues are never written.

Optional, looked up by the service: `media` (an importer that has it is handed the photos of a
ZIP export), `finish(totals)` (after the last chunk), and `discard()` (the import was rolled
back: remove the files it wrote outside the database)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from tridaya.mapping.importers.parse import Chunk
from tridaya.mapping.importers.spec import FormSpec


@dataclass
class ChunkResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: ChunkResult) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged


class FormImporter(Protocol):
    spec: FormSpec
    required: list[str]
    # How many rows the service collects before calling `write`.
    chunk_size: int

    def check(self, chunk: Chunk) -> None: ...

    def write(self, chunk: Chunk) -> ChunkResult: ...
