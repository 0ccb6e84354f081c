"""JSON Schema of the plan files, generated from the models (``cypp plan schema``)."""

from __future__ import annotations

from typing import Any

from cypp.plan.model import SECTIONS


def plan_file_schema() -> dict[str, Any]:
    """A schema for one plan YAML file: a mapping of optional sections."""
    defs: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    for name, (model, is_list) in SECTIONS.items():
        schema = model.model_json_schema(ref_template="#/$defs/{model}", by_alias=True)
        defs.update(schema.pop("$defs", {}))
        defs[model.__name__] = schema
        ref = {"$ref": f"#/$defs/{model.__name__}"}
        properties[name] = {"type": "array", "items": ref} if is_list else ref
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cypp plan file",
        "description": "One YAML file of a cypp plan folder; the folder's files together hold "
        "every section, and 'plan', 'outcomes', 'priorities' and 'indicators' are required.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "$defs": defs,
    }
