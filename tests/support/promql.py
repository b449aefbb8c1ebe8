"""The metric names a PromQL expression reads, and the names a `/metrics` page exports.

Not a PromQL parser: enough for dashboard expressions (selectors, aggregations with
`by`/`without`, functions, binary operators, ranges). A selector is either a plain name or
a `{__name__=~"regex"}` matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prometheus_client.parser import text_string_to_metric_families

CLAUSES = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
MATCHERS = re.compile(r"\{([^}]*)\}")
NAME_MATCHER = re.compile(r'__name__\s*(=~|=)\s*"([^"]*)"')
IDENTIFIER = re.compile(r"(?<![\w:.])([a-zA-Z_:][\w:]*)(?![\w:]|\s*\()")
OPERATORS = {"and", "or", "unless", "bool", "offset", "inf", "nan"}
SUFFIXES = {
    "counter": ("_total", "_created"),
    "histogram": ("_bucket", "_sum", "_count", "_created"),
    "summary": ("_sum", "_count", "_created"),
}


@dataclass(frozen=True)
class Selector:
    name: str
    regex: bool = False

    def matches(self, exported: set[str]) -> bool:
        if not self.regex:
            return self.name in exported
        pattern = re.compile(self.name)  # PromQL anchors its regexes at both ends
        return any(pattern.fullmatch(name) for name in exported)


def selectors(expr: str) -> list[Selector]:
    found: list[Selector] = []
    for block in MATCHERS.findall(expr):
        found += [Selector(v, op == "=~") for op, v in NAME_MATCHER.findall(block)]
    bare = re.sub(r"\[[^\]]*\]", "", expr)  # ranges and subqueries
    bare = MATCHERS.sub("", bare)
    bare = CLAUSES.sub("", bare)
    bare = re.sub(r'"[^"]*"', "", bare)  # string arguments (label_replace...)
    found += [Selector(n) for n in IDENTIFIER.findall(bare) if n.lower() not in OPERATORS]
    return found


def exported_names(text: str) -> set[str]:
    """Every sample name the page can hold: a family with no sample yet (a labelled counter
    nothing incremented) counts with the names its type gives its samples."""
    names: set[str] = set()
    for family in text_string_to_metric_families(text):
        names.update(sample.name for sample in family.samples)
        names.update(family.name + suffix for suffix in SUFFIXES.get(family.type, ("",)))
    return names
