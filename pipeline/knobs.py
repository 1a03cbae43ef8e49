"""Named settings: every threshold of a stage is a `knob` of that stage's frozen settings class,
with its default, its one-line reason and its valid range, checked when the object is made.

    @dataclass(frozen=True)
    class PdfSettings:
        snap: float = knob(2.0, "points: ruling lines closer than this are one boundary", lo=0)

        def __post_init__(self) -> None:
            check(self)

`settings_table` writes a class's knobs as the rows of docs/settings.md's table (a test keeps the
page equal to it); `from_mapping` makes one from a TOML table (`annex --settings FILE`), an
unknown name or a wrong type being one error that names it.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any


def knob(default: Any, why: str, lo: float | None = None, hi: float | None = None,
         lo_open: bool = False, hi_open: bool = False) -> Any:
    """A setting: its default, why it is there, and its range (`lo`/`hi`, closed unless
    `*_open`)."""
    return dataclasses.field(default=default, metadata={"why": why, "lo": lo, "hi": hi,
                                                        "lo_open": lo_open, "hi_open": hi_open})


def _range(meta: Mapping) -> str:
    lo, hi = meta.get("lo"), meta.get("hi")
    left = "" if lo is None else f"{'>' if meta['lo_open'] else '>='} {lo:g}"
    right = "" if hi is None else f"{'<' if meta['hi_open'] else '<='} {hi:g}"
    return ", ".join(s for s in (left, right) if s)


def check(obj: Any) -> None:
    """Raise ValueError naming the first knob of `obj` outside its range or of the wrong type."""
    for f in dataclasses.fields(obj):
        if "why" not in f.metadata:
            continue
        for v in _values(obj, f):
            if _outside(v, f.metadata):
                raise ValueError(f"{f.name} must be {_range(f.metadata)} (got {v!r})")


def _values(obj: Any, f: dataclasses.Field) -> list:
    """The numbers a knob holds (a tuple knob: each), once its type is the default's; an int
    given for a float knob is made a float (on `obj`)."""
    value, default = getattr(obj, f.name), f.default
    kind = type(default)
    if kind is float and _is_number(value) and isinstance(value, int):
        value = float(value)
        object.__setattr__(obj, f.name, value)
    if kind is tuple:
        assert isinstance(default, tuple)
        fits = isinstance(value, tuple) and len(value) == len(default)
        if not fits or not all(map(_is_number, value)):
            raise ValueError(f"{f.name} must be {len(default)} numbers")
        return list(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ValueError(f"{f.name} must be a{'n' if kind is int else ''} {kind.__name__}")
    return [value]


def _is_number(value: Any) -> bool:
    """An int or a float, not a bool (which Python counts as an int)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _outside(v: float, meta: Mapping) -> bool:
    """A value outside a knob's range (`lo`/`hi`, closed unless `*_open`)."""
    lo, hi = meta["lo"], meta["hi"]
    below = lo is not None and (v < lo or meta["lo_open"] and v == lo)
    above = hi is not None and (v > hi or meta["hi_open"] and v == hi)
    return below or above


def settings_table(cls: type, section: str) -> list[str]:
    """The rows of the settings table (docs/settings.md) for one settings class."""
    rows = []
    for f in dataclasses.fields(cls):
        if "why" in f.metadata:
            default = ", ".join(f"{v:g}" for v in f.default) if isinstance(f.default, tuple) \
                else f"{f.default:g}"
            rows.append(f"| `{section}` | `{f.name}` | {default} | {_range(f.metadata) or 'any'} | "
                        f"{f.metadata['why']} |")
    return rows


def from_mapping(cls: type, values: dict, where: str) -> Any:
    """A settings object from a mapping of knob names (a TOML table); unknown names are an error."""
    names = {f.name: f for f in dataclasses.fields(cls) if "why" in f.metadata}
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise ValueError(f"{where}: unknown setting '{unknown[0]}' "
                         f"(known: {', '.join(sorted(names))})")
    given = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
    try:
        return cls(**given)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
