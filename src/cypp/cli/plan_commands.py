"""``cypp plan``: validate, show, export and describe plan folders."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.tree import Tree

from cypp.cli.console import console
from cypp.plan import summary, validate_plan
from cypp.plan.export import export_plan
from cypp.plan.model import Plan, Workstream
from cypp.plan.schema import plan_file_schema
from cypp.plan.validate import load_plan
from cypp.settings import load_settings

app = typer.Typer(help="Validate, show and export a plan.", no_args_is_help=True)

PlanPath = Annotated[
    Path | None,
    typer.Argument(help="Plan folder (default: the 'plan' setting).", show_default=False),
]


def _folder(path: Path | None) -> Path:
    return path if path is not None else Path(load_settings().plan)


@app.command()
def validate(path: PlanPath = None) -> None:
    """Check a plan and report every problem at once (exit status 1 when there are any)."""
    from cypp.indicators.definition import all_definitions
    from cypp.plan.rules import RuleContext

    folder = _folder(path)
    result = validate_plan(folder, RuleContext(known_definitions=set(all_definitions())))
    if result.plan is None:
        for problem in result.problems:
            console.print(escape(str(problem)), markup=True)
        n = len(result.problems)
        console.print(f"{folder}: [bold red]{n} problem{'s' * (n != 1)}[/]")
        raise typer.Exit(1)
    counts = summary(result.plan)
    codes = ", ".join(i.code for i in result.plan.indicators)
    console.print(
        f"{folder}: [bold green]valid[/] — {counts['outcomes']} outcomes, "
        f"{counts['workstreams']} workstreams, {counts['priorities']} key priorities, "
        f"{counts['programmes']} programmes, {counts['indicators']} indicators ({codes})"
    )


def _add_workstreams(node: Tree, items: tuple[Workstream, ...]) -> None:
    for w in items:
        flags = " [yellow](LAA 2008-2011 priority)[/]" if w.flags else ""
        measured = f" [cyan]→ {', '.join(w.indicators)}[/]" if w.indicators else ""
        _add_workstreams(node.add(f"{escape(w.text)}{flags}{measured}"), w.workstreams)


def plan_tree(plan: Plan) -> Tree:
    """The plan as a tree: vision; outcome → workstreams; priority → indicators; programmes."""
    head = plan.plan
    root = Tree(
        f"[bold]{escape(head.title)}[/] ({head.area.name} {head.area.ons_code}, "
        f"{head.span.start} to {head.span.end})"
    )
    root.add(f"Vision: “{escape(head.vision.statement)}”")
    outcomes = root.add("[bold]Every Child Matters outcomes[/]")
    for o in plan.outcomes:
        _add_workstreams(outcomes.add(f"[bold]{escape(o.title)}[/]"), o.workstreams)
    priorities = root.add("[bold]Key priorities[/]")
    for p in plan.priorities:
        node = priorities.add(
            f"[bold]{escape(p.title)}[/]" + (" [yellow](LAA focus)[/]" if p.laa_focus else "")
        )
        for m in p.measures:
            group = {"laa": "LAA", "local": "local"}.get(m.group.value if m.group else "", "")
            for code in m.indicators:
                ind = plan.indicator(code)
                label = f"{ind.display}: {escape(ind.title)}"
                state = (
                    "" if ind.method.value == "computed" else f" [magenta]({ind.method.value})[/]"
                )
                node.add(f"{label} [dim]{group}[/]{state}")
    programmes = root.add("[bold]Cross-cutting programmes[/]")
    for g in plan.programmes:
        programmes.add(escape(g.text))
    return root


@app.command()
def show(path: PlanPath = None) -> None:
    """Print the plan as a tree: outcomes with workstreams, priorities with indicators."""
    console.print(plan_tree(load_plan(_folder(path))))


class ExportFormat(StrEnum):
    json = "json"


@app.command()
def export(
    path: PlanPath = None,
    format: Annotated[
        ExportFormat, typer.Option("--format", help="Output format.")
    ] = ExportFormat.json,
) -> None:
    """Print the validated plan as JSON (shape documented in docs/plan-export.md)."""
    data = export_plan(load_plan(_folder(path)))
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@app.command()
def schema() -> None:
    """Print the JSON Schema of a plan file."""
    typer.echo(json.dumps(plan_file_schema(), indent=2))
