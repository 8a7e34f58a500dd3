"""Writing computed columns back into the store: only the rows whose value changes are written, so a
re-run over an unchanged store writes nothing and a new batch touches little."""

from __future__ import annotations

import duckdb
import pyarrow as pa


def set_column(con: duckdb.DuckDBPyConnection, table: str, column: str, values: dict[str, str]) -> None:
    """Make `table.column` equal `values` by id (NULL for ids not in it), writing only the rows that change."""
    con.register("_values", pa.table({"id": list(values), "value": pa.array(list(values.values()), pa.string())}))
    try:
        con.execute(f"UPDATE {table} SET {column} = NULL WHERE {column} IS NOT NULL "
                    f"AND id NOT IN (SELECT id FROM _values)")
        con.execute(f"UPDATE {table} SET {column} = v.value FROM _values v "
                    f"WHERE {table}.id = v.id AND {table}.{column} IS DISTINCT FROM v.value")
    finally:
        con.unregister("_values")
