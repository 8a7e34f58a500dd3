"""The command line only presents: SQL lives in sorot.store (and sorot.corpus), never in sorot/cli.py.

The check reads cli.py's syntax tree: any string constant (f-string pieces included) that reads like an
SQL statement, any import of duckdb, and any call of a connection's `execute`/`sql` or the store's raw
`query` fails it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import sorot.cli

CLI = Path(sorot.cli.__file__)

# A statement keyword, then what must follow it in SQL: SELECT <columns> FROM / INSERT INTO / UPDATE x SET ...
SQL_SHAPES = re.compile(
    r"\bSELECT\b.+\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b|\bCREATE\s+(TABLE|VIEW|INDEX)\b"
    r"|\bDROP\s+(TABLE|VIEW)\b|\bALTER\s+TABLE\b|\bCOPY\s+\w+\s+(TO|FROM)\b|\bWHERE\s+\S+\s*(=|<|>|IN\b|LIKE\b)"
    r"|\bORDER\s+BY\b|\bGROUP\s+BY\b",
    re.IGNORECASE | re.DOTALL)
RAW_SQL_CALLS = {"execute", "executemany", "sql", "query"}


def sql_problems(source: str) -> list[str]:
    """Where `source` holds SQL or talks to DuckDB directly: one line per finding, with its line number."""
    problems: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_SHAPES.search(node.value):
            problems.append(f"line {node.lineno}: SQL text {node.value[:60]!r}")
        elif isinstance(node, ast.Import) and any(alias.name.split(".")[0] == "duckdb" for alias in node.names):
            problems.append(f"line {node.lineno}: imports duckdb")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "duckdb":
            problems.append(f"line {node.lineno}: imports from duckdb")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in RAW_SQL_CALLS):
            problems.append(f"line {node.lineno}: calls .{node.func.attr}()")
    return problems


def test_cli_holds_no_sql_and_does_not_import_duckdb() -> None:
    assert sql_problems(CLI.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("snippet", [
    'rows = store.query("SELECT name, count(*) FROM articles GROUP BY 1")',
    'clause = f"select * from {table} where id = ?"',
    'statement = "DELETE FROM rejected WHERE location = ?"',
    'text = "insert into runs (run_id) values (?)"',
    "import duckdb",
    "from duckdb import connect",
    'con.execute(statement)',
    'ordering = "name ORDER BY n DESC"',
])
def test_the_check_finds_sql_in_any_of_its_shapes(snippet: str) -> None:
    assert sql_problems(snippet), snippet


@pytest.mark.parametrize("snippet", [
    'help_text = "only these stages after cleaning (tests, benchmarks)"',
    'message = "select one of jsonl, parquet or gdelt"',
    'note = "the records from the store, updated after every run"',
    'rows = queries.events(store, spec, limit)',
])
def test_the_check_leaves_plain_english_and_named_queries_alone(snippet: str) -> None:
    assert sql_problems(snippet) == [], snippet
