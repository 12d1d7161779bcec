# ruff: noqa: S608 - the SQL here is built from model table names (class attributes), never from input.
"""Substring search over ``search_key`` that does not scan the table.

A search box matches any part of a name or code ("thuy san" inside "công ty thủy sản nha trang"), so
a B-tree index is no use and a plain ``LIKE '%…%'`` reads every row: 200 ms at 200,000 dossiers, ten
times that at a national scale. Both databases index substrings by trigrams:

- PostgreSQL: a GIN index with ``pg_trgm``'s ``gin_trgm_ops`` on the column; the ``LIKE`` that
  Django's ``contains`` writes uses it as it is.
- SQLite: an FTS5 table with the ``trigram`` tokenizer, holding only the key and kept in step with the
  table by triggers (so bulk inserts, imports and restores keep it current too); each term is looked
  up there as a quoted phrase (``MATCH '"thuy" AND "san"'``) and the rows are joined back by key. A
  phrase of a term's trigrams at consecutive positions is exactly the term as a substring, and it is
  answered from the index's positions alone, whereas ``LIKE`` on the FTS table reads every candidate's
  key back from the dossiers table to check it: for "thuy san nha trang" over a million dossiers
  (15,600 matches) that was most of the search's time.

A term shorter than three characters has no trigram: it falls back to the plain scan, which gives
the same answer. A model opts in with ``search_index = True`` and a migration running
``trigram_index(table)``.
"""

from django.db import connections
from django.db.models import Q
from django.db.models.expressions import RawSQL

MIN_TERM = 3  # a trigram index helps only for terms of three characters or more


def index_table(table: str) -> str:
    return f"{table}_search"


def _sqlite_statements(table: str) -> list[str]:
    fts = index_table(table)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"search_key, content='{table}', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_key) VALUES (new.id, new.search_key); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_key) VALUES ('delete', old.id, old.search_key); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_key ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_key) VALUES ('delete', old.id, old.search_key); "
        f"INSERT INTO {fts}(rowid, search_key) VALUES (new.id, new.search_key); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # rows already in the table
    ]


def _sqlite_drop(table: str) -> list[str]:
    fts = index_table(table)
    return [f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")] + [f"DROP TABLE IF EXISTS {fts}"]


def trigram_index(table: str):
    """The migration operation that creates (and on reversal drops) ``table``'s substring index."""
    from django.db import migrations

    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            statements = _sqlite_statements(table)
        elif vendor == "postgresql":
            statements = [
                # Trusted since PostgreSQL 13: the database's owner may create it.
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} USING gin (search_key gin_trgm_ops)",
            ]
        else:
            statements = []
        for statement in statements:
            schema_editor.execute(statement)

    def backward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            statements = _sqlite_drop(table)
        elif vendor == "postgresql":
            statements = [f"DROP INDEX IF EXISTS {table}_search_trgm"]
        else:
            statements = []
        for statement in statements:
            schema_editor.execute(statement)

    return migrations.RunPython(forward, backward, elidable=False)


def _indexable(term: str) -> bool:
    return len(term) >= MIN_TERM


def _phrase(term: str) -> str:
    """``term`` as an FTS5 phrase: inside double quotes every character is literal but the quote,
    which is doubled."""
    return '"' + term.replace('"', '""') + '"'


def condition(queryset, terms: list[str]) -> Q:
    """The filter for rows whose key holds every term, through the index where there is one."""
    model = queryset.model
    result = Q()
    indexed = [term for term in terms if _indexable(term)]
    rest = [term for term in terms if not _indexable(term)]
    vendor = connections[queryset.db].vendor
    if indexed and getattr(model, "search_index", False) and vendor == "sqlite":
        fts = index_table(model._meta.db_table)
        match = " AND ".join(_phrase(term) for term in indexed)
        # The SQL is fixed text; the query is a parameter.
        result &= Q(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [match]))  # noqa: S611 - fixed SQL
    else:
        rest = terms
    for term in rest:
        result &= Q(search_key__contains=term)
    return result
