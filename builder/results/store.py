"""Scored answers of every delivery in one SQLite file in the output folder: participant codes,
item ids, canonical answers and scores; never a name. `PRAGMA user_version` is the schema
version: a database of a newer voces is refused rather than misread.

Importing a delivery replaces it in one transaction: an import that fails halfway leaves the
earlier data exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path

from .answers import ScoredAnswer
from .findings import refuse

DATABASE = "results.sqlite"
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE deliveries (
    id TEXT PRIMARY KEY, module TEXT NOT NULL, language TEXT NOT NULL, date TEXT NOT NULL,
    venue TEXT NOT NULL, pass_mark INTEGER NOT NULL, items INTEGER NOT NULL,
    dropped_columns INTEGER NOT NULL
);
CREATE TABLE answers (
    delivery TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    form TEXT NOT NULL, participant TEXT NOT NULL, item TEXT NOT NULL,
    answer TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (delivery, form, participant, item)
);
"""
DROPPED = """CREATE TABLE IF NOT EXISTS dropped (
    delivery TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    form TEXT NOT NULL, columns INTEGER NOT NULL, PRIMARY KEY (delivery, form)
)"""
"""Each stored form's identifying columns dropped on reading: a database of an earlier voces
gets the table when opened (its files still read the same)."""


@dataclass(frozen=True)
class StoredDelivery:
    id: str
    module: str
    language: str
    date: str
    venue: str
    pass_mark: int
    items: int
    dropped_columns: int


@contextmanager
def open_store(out: Path) -> Iterator[sqlite3.Connection]:
    path = out / DATABASE
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, a folder not ours to write
        raise refuse(f"--out {out}: cannot make the output folder ({exc.strerror or exc}); "
                     "choose a folder, such as output/") from exc
    try:
        connection = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise refuse(f"{path}: cannot be opened ({exc}); choose another --out") from exc
    with closing(connection):
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                _create(connection)
            elif version > SCHEMA_VERSION:
                raise refuse(f"{path}: written by a newer voces (results schema {version}; "
                             f"this voces reads {SCHEMA_VERSION}); upgrade voces, or use "
                             "another --out")
        except sqlite3.DatabaseError as exc:
            raise refuse(f"{path}: not a voces results database ({exc}); move it away or use "
                         "another --out") from exc
        connection.execute("PRAGMA foreign_keys = ON")
        with suppress(sqlite3.OperationalError):  # a read-only database: read as it is
            connection.execute(DROPPED)
        yield connection


def _create(connection: sqlite3.Connection) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def replace_delivery(connection: sqlite3.Connection, delivery: StoredDelivery,
                     answers: dict[str, dict[str, list[ScoredAnswer]]],
                     dropped: dict[str, int]) -> None:
    """Delivery row and the scored answers of each form given (form → participant →
    answers), all or nothing; a form not given keeps what is stored of it (the pre-test
    imported on the day, the post-test later). `dropped`: each given form's identifying
    columns dropped on reading; the delivery's count is the sum over its stored forms."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        kept = [form for (form,) in connection.execute(
            "SELECT DISTINCT form FROM answers WHERE delivery = ?", (delivery.id,))
            if form not in answers]
        kept_dropped = dict(connection.execute(
            "SELECT form, columns FROM dropped WHERE delivery = ?", (delivery.id,)).fetchall())
        if set(kept) <= set(kept_dropped):
            kept_total = sum(kept_dropped[form] for form in kept)
        else:  # stored by a voces that did not count by form: its delivery's count stands
            earlier = stored_delivery(connection, delivery.id)
            kept_total = earlier.dropped_columns if earlier is not None else 0
        delivery = replace(delivery, dropped_columns=kept_total + sum(dropped.values()))
        for form in answers:
            connection.execute("DELETE FROM answers WHERE delivery = ? AND form = ?",
                               (delivery.id, form))
        for form in [*answers, *(f for f in kept_dropped if f not in kept)]:
            connection.execute("DELETE FROM dropped WHERE delivery = ? AND form = ?",
                               (delivery.id, form))
        connection.execute(  # an update, not a delete: that would take every form's answers
            "INSERT INTO deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE "
            "SET module = excluded.module, language = excluded.language, date = excluded.date, "
            "venue = excluded.venue, pass_mark = excluded.pass_mark, items = excluded.items, "
            "dropped_columns = excluded.dropped_columns", (
            delivery.id, delivery.module, delivery.language, delivery.date, delivery.venue,
            delivery.pass_mark, delivery.items, delivery.dropped_columns))
        for form, participants in answers.items():
            for code, scored in participants.items():
                insert_answers(connection, delivery.id, form, code, scored)
        connection.executemany("INSERT INTO dropped VALUES (?, ?, ?)",
                               [(delivery.id, form, count) for form, count in dropped.items()])
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def insert_answers(connection: sqlite3.Connection, delivery: str, form: str, code: str,
                   scored: list[ScoredAnswer]) -> None:
    connection.executemany(
        "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)",
        [(delivery, form, code, answer.item, answer.answer, answer.score) for answer in scored])


def stored_delivery(connection: sqlite3.Connection, delivery_id: str) -> StoredDelivery | None:
    row = connection.execute("SELECT * FROM deliveries WHERE id = ?", (delivery_id,)).fetchone()
    return StoredDelivery(*row) if row else None


def stored_deliveries(connection: sqlite3.Connection, module: str | None) -> list[StoredDelivery]:
    query = "SELECT * FROM deliveries" + (" WHERE module = ?" if module else "") + \
        " ORDER BY date, id"
    return [StoredDelivery(*row) for row in connection.execute(query, (module,) if module else ())]


def stored_answers(connection: sqlite3.Connection, delivery_id: str
                   ) -> dict[str, dict[str, dict[str, tuple[str, float]]]]:
    """form → participant → item → (answer, score)."""
    found: dict[str, dict[str, dict[str, tuple[str, float]]]] = {}
    for form, code, item, answer, score in connection.execute(
            "SELECT form, participant, item, answer, score FROM answers WHERE delivery = ? "
            "ORDER BY form, participant, item", (delivery_id,)):
        found.setdefault(form, {}).setdefault(code, {})[item] = (answer, score)
    return found
