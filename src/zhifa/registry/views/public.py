"""公示 (no login): the officers of an agency allowed to enforce, and the announced enforcement bodies.
Shows only name, certificate number, field and agency — never an ID number or a phone number."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from zhifa.core.models import Agency, Region
from zhifa.core.pagination import paginate

from .. import selectors
from ..choices import CertificateStatus


def _valid_certificates(officer, today):
    return [
        c
        for c in officer.certificates.all()
        if c.effective_status(today) == CertificateStatus.VALID and c.issued_on <= today <= c.expires_on
    ]


def public_officers(request, agency_id: int):
    agency = get_object_or_404(Agency.objects.select_related("region"), pk=agency_id, active=True)
    page = paginate(request, selectors.public_officers(agency), per_page=50)
    today = timezone.localdate()
    rows = []
    for officer in page:
        certificates = _valid_certificates(officer, today)
        fields = {f.code: f.name for c in certificates for f in c.fields.all()}
        rows.append(
            {"name": officer.name, "numbers": [c.number for c in certificates], "fields": fields.values()}
        )
    return render(
        request,
        "registry/public_officers.html",
        {"agency": agency, "page": page, "rows": rows, "filters": {}},
    )


def public_bodies(request):
    code = request.GET.get("region", "").strip()
    region = Region.objects.filter(code=code).first() if code else None
    page = paginate(request, selectors.public_bodies(region), per_page=50)
    return render(
        request,
        "registry/public_bodies.html",
        {"page": page, "region": region, "filters": {"region": code} if region else {}},
    )
