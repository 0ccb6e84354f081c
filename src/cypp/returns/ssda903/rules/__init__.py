"""DfE SSDA903 validation rules, applied to the canonical tables as data-quality findings.

Each rule carries its DfE code, the DfE message and affected fields (read from the vendored
rule list), and a check returning ``Problem`` findings (``rule="903-<code>"``) that point at
the file and line of each failing row. :func:`check_ssda903` runs them all.
"""

from cypp.returns.ssda903.rules.info import RuleInfo, rule_info, rule_list
from cypp.returns.ssda903.rules.model import Check, CollectionYear, Rule, Tables
from cypp.returns.ssda903.rules.run import RULES, RULES_BY_CODE, check_ssda903

__all__ = [
    "RULES",
    "RULES_BY_CODE",
    "Check",
    "CollectionYear",
    "Rule",
    "RuleInfo",
    "Tables",
    "check_ssda903",
    "rule_info",
    "rule_list",
]
