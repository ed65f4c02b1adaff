"""Connection set-up and schema migrations (sqlite-utils table definitions, PRAGMA user_version)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

# "MLDC": marks the file as a meldcode store, so a random SQLite file is not taken for one.
APPLICATION_ID = 0x4D4C4443
SCHEMA_VERSION = 2

# Per-connection settings; journal_mode is persistent and set once at creation.
CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
    "PRAGMA temp_store=MEMORY",
    # Deleted or overwritten content is zeroed, so free pages keep no old ciphertext.
    "PRAGMA secure_delete=ON",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA cell_size_check=ON",
)


def _lenient_text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def connect(
    path: Path, *, readonly: bool = False, beside_writer: bool = False
) -> sqlite3.Connection:
    """Open a connection with our PRAGMAs; read-only connections never write or lock.

    `readonly` opens a file nobody else has open (a backup) as immutable; `beside_writer`
    opens read-only through the WAL, so it sees what the app holding the store has saved.
    """
    if readonly or beside_writer:
        mode = "?mode=ro" if beside_writer else "?mode=ro&immutable=1"
        conn = sqlite3.connect(path.resolve().as_uri() + mode, uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    # A doctored file can hold text that is not UTF-8; decode losslessly instead of raising,
    # so the bad value reaches the digest check and is reported as damage.
    conn.text_factory = _lenient_text
    try:
        for pragma in CONNECTION_PRAGMAS:
            conn.execute(pragma)
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def database(conn: sqlite3.Connection) -> Database:
    # Plugins are never loaded: nothing outside this package may touch the connection.
    return Database(conn, execute_plugins=False)


def _v1(db: Database) -> None:
    db.table("meta").create({"key": str, "value": bytes}, pk="key", not_null={"value"})
    db.table("cases").create(
        {
            "id": str,
            "flow_id": str,
            "status": str,
            "created_at": str,
            "updated_at": str,
            "next_deadline": str,
            "case_key": bytes,
            "info": bytes,
            "manifest": bytes,
        },
        pk="id",
        not_null={"flow_id", "status", "created_at", "updated_at", "case_key", "info", "manifest"},
    )
    fk = [("case_id", "cases", "id")]
    db.table("answers").create(
        {"id": str, "case_id": str, "tag": str, "body": bytes},
        pk="id",
        not_null={"case_id", "tag", "body"},
        foreign_keys=fk,
    )
    db.table("answers").create_index(["case_id", "tag"], unique=True)
    db.table("answer_history").create(
        {"id": str, "case_id": str, "seq": int, "body": bytes},
        pk="id",
        not_null={"case_id", "seq", "body"},
        foreign_keys=fk,
    )
    db.table("answer_history").create_index(["case_id", "seq"])
    db.table("notes").create(
        {"id": str, "case_id": str, "created_at": str, "body": bytes},
        pk="id",
        not_null={"case_id", "created_at", "body"},
        foreign_keys=fk,
    )
    db.table("notes").create_index(["case_id"])
    db.table("actions").create(
        {
            "id": str,
            "case_id": str,
            "created_at": str,
            "due": str,
            "done_at": str,
            "body": bytes,
        },
        pk="id",
        not_null={"case_id", "created_at", "body"},
        foreign_keys=fk,
    )
    db.table("actions").create_index(["case_id"])
    # No foreign key: audit entries outlive a shredded case.
    db.table("audit").create(
        {"seq": int, "at": str, "case_id": str, "event": str, "state": str, "hash": str},
        pk="seq",
        not_null={"at", "event", "hash"},
    )
    db.table("audit").create_index(["case_id", "seq"])


def _v2(db: Database) -> None:
    # Each record's digest, listed beside it: the sealed manifest keeps only a set hash of
    # this listing (store/manifest.py), so a save no longer rewrites a list of the whole case.
    # The id is the manifest key, "<table>/<row id>".
    db.table("manifest_rows").create(
        {"id": str, "case_id": str, "digest": str},
        pk="id",
        not_null={"case_id", "digest"},
        foreign_keys=[("case_id", "cases", "id")],
    )
    db.table("manifest_rows").create_index(["case_id"])
    # The case list's first page (Store.list_first) orders every case by its clear columns:
    # with this covering index that reads the index alone, not each row with its sealed blobs
    # (about 10 MB at 10,000 cases), on every unlock (issue 16).
    db.execute(
        "CREATE INDEX idx_cases_listing ON cases (updated_at DESC, id, status, next_deadline)"
    )


# MIGRATIONS[i] brings a store from version i to i + 1. Append only; never edit a shipped one.
MIGRATIONS: list[Callable[[Database], None]] = [_v1, _v2]
assert len(MIGRATIONS) == SCHEMA_VERSION


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def application_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA application_id").fetchone()[0])


def migrate(db: Database, convert: Callable[[int], None] | None = None) -> int:
    """Apply pending migrations, each in its own transaction; returns how many ran.

    `convert(version)` rewrites the data a step changes the format of (it needs the keys,
    which the schema steps do not have), inside the step's own transaction: a step that
    fails half-way leaves the store as it was, at the version before.
    """
    ran = 0
    while (version := schema_version(db.conn)) < SCHEMA_VERSION:
        with db.atomic():
            MIGRATIONS[version](db)
            if convert is not None:
                convert(version + 1)
            # user_version lives in the file header and commits with the transaction.
            db.conn.execute(f"PRAGMA user_version={version + 1}")
        ran += 1
    return ran


def _shape(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """What the schema is made of: every object, and each table's and index's columns.

    Compared by structure, not by SQL text, so a different sqlite-utils spelling of the same
    CREATE statement is not taken for tampering.
    """
    objects = conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    shape: list[tuple[object, ...]] = [tuple(o) for o in objects]
    for kind, name, _ in objects:
        quoted = '"' + str(name).replace('"', '""') + '"'
        if kind == "table":
            shape += [("column", name, *r) for r in conn.execute(f"PRAGMA table_xinfo({quoted})")]
            shape += [("fk", name, *r) for r in conn.execute(f"PRAGMA foreign_key_list({quoted})")]
            shape += [("index", name, *r) for r in conn.execute(f"PRAGMA index_list({quoted})")]
        elif kind == "index":
            shape += [("key", name, *r) for r in conn.execute(f"PRAGMA index_xinfo({quoted})")]
    return shape


_EXPECTED: dict[int, list[tuple[object, ...]]] = {}


def expected_shape(version: int) -> list[tuple[object, ...]]:
    """The schema the migrations make at `version`, built once in memory."""
    if version not in _EXPECTED:
        conn = sqlite3.connect(":memory:")
        try:
            db = database(conn)
            for step in MIGRATIONS[:version]:
                step(db)
            _EXPECTED[version] = _shape(conn)
        finally:
            conn.close()
    return _EXPECTED[version]


def schema_matches(conn: sqlite3.Connection) -> bool:
    """True when the file's schema is exactly what this version's migrations make.

    A planted trigger runs on our own writes: one kept a shredded case's rows and the old
    wrapped master key across `passwd`. A store with any object we did not make is refused.
    """
    version = schema_version(conn)
    return 1 <= version <= SCHEMA_VERSION and _shape(conn) == expected_shape(version)
