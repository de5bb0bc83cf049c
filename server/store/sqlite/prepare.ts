// Server, SQLite store: how its statements are prepared. SQLite (3.53, as better-sqlite3 12
// bundles it) plans a `LIMIT ?` for the value bound to it, so binding any value there marks
// the statement to be compiled again at its next run: a page of chats or messages then cost
// ~25–40 µs of parsing and planning on top of the read. `LIMIT +?` is the same limit, read
// when the statement runs (a unary operator hides the parameter from the planner), so the
// statement is compiled once. The shared SQL keeps `LIMIT ?`, which PostgreSQL needs.
import type Database from 'better-sqlite3';

const boundLimit = /\bLIMIT \?/g;

export function prepare(db: Database.Database, text: string): Database.Statement {
  return db.prepare(text.replace(boundLimit, 'LIMIT +?'));
}

/** Each statement of `sql` prepared, by name. */
export function prepareAll<Name extends string>(
  db: Database.Database,
  sql: Record<Name, string>,
): Record<Name, Database.Statement> {
  const entries = Object.entries<string>(sql).map(([name, text]) => [name, prepare(db, text)]);
  return Object.fromEntries(entries) as Record<Name, Database.Statement>;
}
