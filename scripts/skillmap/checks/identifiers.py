"""Numbers and addresses that must be real: credit codes, phones, links, coordinates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from stdnum.cn import uscc

from ..links import unsafe_scheme
from ..phones import normalise_phone
from ..problems import Problem
from ..records import Record
from .context import CheckContext, at

# Inner Mongolia's bounding box, a little wider than the border so that no real place is refused.
LAT_RANGE = (37.4, 53.4)
LON_RANGE = (97.2, 126.1)


def check(ctx: CheckContext) -> Iterator[Problem]:
    for res, rec in ctx.rows():
        for field in res.schema.fields:
            value = rec.get(field.name)
            if value is None or field.check is None:
                continue
            if field.check == "uscc" and not _uscc_valid(str(value)):
                yield at(
                    rec,
                    "check-digit",
                    field.name,
                    label=field.label,
                    value=value,
                    reason=_uscc_reason(str(value)),
                )
            elif field.check == "phone" and normalise_phone(str(value)) is None:
                yield at(rec, "phone-invalid", field.name, label=field.label, value=value)
            elif field.check == "url":
                yield from _url(rec, field.name, field.label, str(value))
        if ctx.fields_with_check(res, "location"):
            yield from _location(rec)


def _uscc_valid(value: str) -> bool:
    """The GB 32100 check digit. stdnum's `is_valid` also wants eight leading digits, but
    codes of 农民专业合作社 and other registrars start with a letter (N, A, Y), so only the
    check digit is asked of it here; the schema's pattern checks the alphabet."""
    compact = uscc.compact(value)
    return len(compact) == 18 and uscc.calc_check_digit(compact[:17]) == compact[17]


def _uscc_reason(value: str) -> str:
    compact = uscc.compact(value)
    if len(compact) != 18:
        return f"应为 18 位，实际 {len(compact)} 位"
    return (
        f"的校验码（第 18 位）不对，按前 17 位计算应为“{uscc.calc_check_digit(compact[:17])}”；请核对是否抄错"
    )


def _url(rec: Record, name: str, label: str, value: str) -> Iterator[Problem]:
    scheme = unsafe_scheme(value)
    if scheme is not None:
        yield at(rec, "unsafe-link", name, label=label, detail=f"使用了不安全的链接协议“{scheme}:”")
    elif not value.lower().startswith(("http://", "https://")):
        yield at(rec, "unsafe-link", name, label=label, detail=f"“{value}”应以 http:// 或 https:// 开头")


def _location(rec: Record) -> Iterator[Problem]:
    lat: Any = rec.get("location.lat")
    lon: Any = rec.get("location.lon")
    if lat is None and lon is None:
        return
    if lat is None or lon is None:
        yield at(rec, "location-invalid", "location", detail="坐标应同时写纬度和经度")
        return
    if _inside(lat, lon):
        return
    hint = "，看起来把经度和纬度写反了" if _inside(lon, lat) else "，不在内蒙古境内"
    yield at(rec, "location-invalid", "location", detail=f"坐标 [{lat}, {lon}]{hint}")


def _inside(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]
