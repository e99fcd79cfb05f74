"""The database schema as an ordered list of migrations, shared by SQLite and PostgreSQL.

Each migration is a tuple of statements written once with a few placeholders
that each backend fills in (``{json}``, ``{date}``, ``{serial}``, ``{float}``),
so both databases hold the same logical schema. A database records the
migrations applied to it in ``schema_version``; on open the store applies the
missing ones in order, in one transaction, and refuses a database whose
version is newer than this code knows (an older sitroom must not write to a
schema it does not understand).

To change the schema, append a migration: never edit one that has shipped.

Design notes the schema encodes:

- ``ledger`` keeps one row per distinct (origin, locator, doc_id, status): a
  re-run that reads the same input again records it once as ``duplicate`` and
  later re-runs add nothing. The first row's time and reason are kept.
- Events keep the columns the filters use and the whole record as JSON
  (``data``), so a filter is an indexed query and a read gives back exactly
  what fusion wrote. ``event_sources`` and ``evidence`` repeat the record's
  sources and evidence as rows for SQL users; their keys make a concurrent or
  repeated write unable to duplicate them.
- ``event_mentions`` links a mention to at most one event; deleting an event
  (absorbed by fusion) drops its links, sources and evidence by cascade.
"""

from __future__ import annotations

from dataclasses import dataclass

DIALECTS: dict[str, dict[str, str]] = {
    "sqlite": {
        "json": "TEXT",
        "date": "TEXT",
        "serial": "INTEGER PRIMARY KEY AUTOINCREMENT",
        "float": "REAL",
    },
    "postgres": {
        "json": "JSONB",
        "date": "DATE",
        "serial": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        "float": "DOUBLE PRECISION",
    },
}


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]

    def sql(self, dialect: str) -> list[str]:
        """The statements with this dialect's types filled in."""
        types = DIALECTS[dialect]
        return [s.format(**types) for s in self.statements]


VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied TEXT NOT NULL
)"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial schema",
        (
            """CREATE TABLE documents (
                id TEXT PRIMARY KEY,
                title TEXT,
                url TEXT,
                publisher TEXT,
                published {date},
                origin TEXT,
                text TEXT NOT NULL,
                added TEXT NOT NULL
            )""",
            """CREATE TABLE ledger (
                id {serial},
                origin TEXT NOT NULL,
                locator TEXT,
                doc_id TEXT,
                status TEXT NOT NULL CHECK (status IN ('ok', 'duplicate', 'failed')),
                reason TEXT,
                time TEXT NOT NULL
            )""",
            "CREATE UNIQUE INDEX ledger_once ON ledger "
            "(origin, (coalesce(locator, '')), (coalesce(doc_id, '')), status)",
            "CREATE INDEX ledger_status ON ledger (status)",
            """CREATE TABLE mentions (
                key TEXT PRIMARY KEY,
                doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                event_date {date},
                sub_event_type TEXT NOT NULL,
                data {json} NOT NULL
            )""",
            "CREATE INDEX mentions_event_date ON mentions (event_date)",
            "CREATE INDEX mentions_doc_id ON mentions (doc_id)",
            """CREATE TABLE events (
                event_id TEXT PRIMARY KEY,
                event_date {date},
                event_type TEXT NOT NULL,
                sub_event_type TEXT NOT NULL,
                country TEXT,
                admin1 TEXT,
                actor1 TEXT,
                actor2 TEXT,
                assoc_actor_1 TEXT,
                assoc_actor_2 TEXT,
                latitude {float} CHECK (latitude BETWEEN -90 AND 90),
                longitude {float} CHECK (longitude BETWEEN -180 AND 180),
                data {json} NOT NULL
            )""",
            "CREATE INDEX events_event_date ON events (event_date)",
            "CREATE INDEX events_country ON events (country)",
            """CREATE TABLE event_mentions (
                mention_key TEXT PRIMARY KEY REFERENCES mentions (key) ON DELETE CASCADE,
                event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE
            )""",
            "CREATE INDEX event_mentions_event_id ON event_mentions (event_id)",
            """CREATE TABLE event_sources (
                event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
                doc_id TEXT NOT NULL,
                PRIMARY KEY (event_id, doc_id)
            )""",
            "CREATE INDEX event_sources_doc_id ON event_sources (doc_id)",
            """CREATE TABLE evidence (
                event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
                doc_id TEXT NOT NULL,
                "start" INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                field TEXT NOT NULL,
                PRIMARY KEY (event_id, doc_id, "start", "end", field)
            )""",
            """CREATE TABLE claims (
                claim_id TEXT PRIMARY KEY,
                data {json} NOT NULL
            )""",
            """CREATE TABLE claim_sources (
                claim_id TEXT NOT NULL REFERENCES claims (claim_id) ON DELETE CASCADE,
                doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                evidence {json} NOT NULL,
                PRIMARY KEY (claim_id, doc_id)
            )""",
            """CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def pending(current: int) -> list[Migration]:
    """The migrations a database at version ``current`` still needs, in order."""
    return [m for m in MIGRATIONS if m.version > current]
