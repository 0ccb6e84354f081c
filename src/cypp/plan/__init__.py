"""The plan as data: frozen models, YAML with line numbers, validation rules, export."""

from cypp.plan.model import Indicator, Plan
from cypp.plan.validate import Validation, load_plan, summary, validate_plan

__all__ = ["Indicator", "Plan", "Validation", "load_plan", "summary", "validate_plan"]
