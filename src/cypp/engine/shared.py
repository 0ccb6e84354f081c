"""Work several definitions share, done once per run: an execution plan for DuckDB.

Definitions are written on their own, so many of them build the same intermediate relation:
the chain of care episodes (every children-in-care indicator, and the children in care on
31 March that every pupil-level breakdown needs), a pupil's groups for the same KS4 cohort
(NI 75 and its FSM and SEN gaps), the NCCIS cohort (NEET and not known). Run one by one,
each query computes them again. Here the Ibis expressions of a run's definitions are compared
node by node (Ibis nodes are equal when they describe the same computation); every relation
that two or more definitions read and that costs something (a window, a join or an
aggregate) is created once as a temporary table, and each definition's query reads the table
instead. Only the largest shared relations are kept: one whose every reader also reads a
larger shared relation containing it is left inside that one.

The plan — the temporary tables' SQL and each definition's query — is compiled once and kept
in the warehouse with the compiled SQL (``sql_cache``). Each definition's version and the
SQL recorded in its lineage stay those of its own whole query: the plan changes how a run is
executed, never what a definition computes.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.operations as ops

from cypp.engine.sql_cache import SqlCache
from cypp.engine.store import Store, quote

#: Operations that make a relation worth computing once: they cost more than reading it.
_COSTLY = (ops.WindowFunction, ops.Aggregate, ops.JoinChain, ops.TableUnnest, ops.Distinct)
PREFIX = "_cypp_shared_"


@dataclass(frozen=True)
class ExecutionPlan:
    """Temporary tables to create, in order (name, SQL), then each definition's query."""

    shared: tuple[tuple[str, str], ...]
    queries: dict[str, str]

    def as_json(self) -> str:
        return json.dumps({"shared": self.shared, "queries": self.queries})

    @classmethod
    def from_json(cls, text: str) -> ExecutionPlan:
        data = json.loads(text)
        return cls(tuple((n, s) for n, s in data["shared"]), dict(data["queries"]))


def _costly(node: ops.Relation) -> bool:
    # a join operand (JoinReference, a Reference) stands for its parent, the candidate
    if isinstance(node, (ops.UnboundTable, ops.Reference)):
        return False
    return bool(node.find(_COSTLY))


def shared_relations(roots: Sequence[ops.Node]) -> list[ops.Relation]:
    """The relations to compute once, smallest first (each may use the ones before it)."""
    readers: dict[ops.Relation, set[int]] = defaultdict(set)
    for i, root in enumerate(roots):
        for node in root.find(ops.Relation):
            readers[node].add(i)
    candidates = [n for n, r in readers.items() if len(r) >= 2 and _costly(n)]
    inside = {n: set(n.find(ops.Relation)) - {n} for n in candidates}
    kept = [
        n
        for n in candidates
        if not any(n in inside[m] and readers[m] == readers[n] for m in candidates if m != n)
    ]
    return sorted(kept, key=lambda n: len(inside[n]))


def plan(expressions: Mapping[str, Any]) -> ExecutionPlan:
    """The execution plan of named aggregate expressions (one per indicator)."""
    roots = {name: expr.op() for name, expr in expressions.items()}
    done: dict[ops.Node, ops.Node] = {}
    shared: list[tuple[str, str]] = []
    for node in shared_relations(list(roots.values())):
        relation = node.replace(done) if done else node
        sql = str(ibis.to_sql(relation.to_expr(), dialect="duckdb"))
        name = PREFIX + hashlib.sha256(sql.encode()).hexdigest()[:16]
        shared.append((name, sql))
        done[node] = ibis.table(node.schema, name=name).op()
    queries = {
        name: str(ibis.to_sql((root.replace(done) if done else root).to_expr(), dialect="duckdb"))
        for name, root in roots.items()
    }
    return ExecutionPlan(tuple(shared), queries)


def cached_plan(sql_cache: SqlCache, keys: Mapping[str, str], build: Any) -> ExecutionPlan:
    """The plan for definitions with these cache ``keys`` (indicator -> key), from the cache
    or made by ``build()`` (-> name -> aggregate expression) and kept."""
    key = SqlCache.key("(execution plan)", 1, dict(sorted(keys.items())), None)
    found = sql_cache.get(key)
    if found is not None:
        return ExecutionPlan.from_json(found[0])
    made = plan(build())
    sql_cache.put(key, "(execution plan)", made.as_json(), ())
    return made


def create(store: Store, execution: ExecutionPlan) -> None:
    for name, sql in execution.shared:
        store.execute(f"CREATE OR REPLACE TEMP TABLE {quote(name)} AS {sql}")


def drop(store: Store, execution: ExecutionPlan) -> None:
    for name, _ in reversed(execution.shared):
        store.execute(f"DROP TABLE IF EXISTS {quote(name)}")
