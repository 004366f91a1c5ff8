"""schema.org descriptions of record pages, for search engines and WeChat's crawler."""

from __future__ import annotations

from typing import Any

from ..records import Record
from .model import SiteModel


def organization(model: SiteModel, inst: Record, url: str) -> dict[str, Any]:
    region = model.regions.get(inst.get("region") or "")
    return {
        "@context": "https://schema.org",
        "@type": "EducationalOrganization",
        "name": inst.get("name"),
        "url": url,
        "telephone": inst.get("phone"),
        "identifier": inst.get("uscc"),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": inst.get("address"),
            "addressLocality": region.name if region else None,
            "addressRegion": "内蒙古自治区",
            "addressCountry": "CN",
        },
    }


def program(model: SiteModel, project: Record, url: str, inst_url: str) -> dict[str, Any]:
    inst = model.institutions.get(project.get("institution") or "")
    base, _ = model.subsidy(project)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": project.get("title"),
        "url": url,
        "description": project.get("summary"),
        "occupationalCategory": project.get("occupation"),
        "educationalCredentialAwarded": project.get("certificate"),
        "startDate": project.get("starts").isoformat(),
        "endDate": project.get("ends").isoformat(),
        "applicationDeadline": project.get("enroll_until").isoformat(),
        "maximumEnrollment": project.get("capacity"),
        "timeToComplete": f"PT{project.get('hours')}H",
        "offers": {
            "@type": "Offer",
            "price": 0 if project.get("free") else project.get("fee"),
            "priceCurrency": "CNY",
            "description": f"课时补贴 {base:.0f} 元",
        },
    }
    if inst is not None:
        data["provider"] = {"@type": "EducationalOrganization", "name": inst.get("name"), "url": inst_url}
    return data
