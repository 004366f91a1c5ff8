"""Write records as canonical YAML: schema key order, ISO dates, quoted codes, `|` blocks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class FlowList(list[Any]):
    """A short list written on one line: `location: [40.84, 111.75]`."""


class Number(str):
    """A number written as it is given (`1280.5`, `1600`), as a plain YAML scalar, never quoted."""


class _Dumper(_BaseDumper):
    pass


def _str(dumper: Any, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow(dumper: Any, value: FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _date(dumper: Any, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _number(dumper: Any, value: Number) -> yaml.ScalarNode:
    tag = "tag:yaml.org,2002:float" if "." in value else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, str(value))


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Number, _number)
_Dumper.add_representer(FlowList, _flow)
_Dumper.add_representer(dt.date, _date)


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    """The canonical text of one record; `header` is a comment block kept at the top."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
        indent=2,
    )
    return header + body
