from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from agencies.models import Agency
from indicators.models import Target
from indicators.results import agency_year_results

from .models import Report


def latest_year(agency: Agency) -> int | None:
    """The newest year the agency has a report for, else the newest year with targets."""
    report = Report.objects.filter(agency=agency).order_by("-year").first()
    if report:
        return report.year
    target = Target.objects.filter(indicator__period__agency=agency).order_by("-year").first()
    return target.year if target else None


@login_required
def home(request):
    """The agencies the user may see, each with its latest capaian."""
    rows = []
    for agency in Agency.objects.visible_to(request.user).select_related("region"):
        year = latest_year(agency)
        results = agency_year_results(agency, year) if year else None
        rows.append({"agency": agency, "year": year, "results": results})
    return render(request, "reports/home.html", {"rows": rows})
