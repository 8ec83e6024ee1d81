from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Laporan"

    def ready(self):
        from core import registry

        from .models import Notification, PdfBuild, Picture, Report, ReportArchive, ReportEvent, ReviewNote, Section

        registry.agency_year_data(Report, agency="agency", year="year")
        registry.agency_year_data(Section, agency="report__agency", year="report__year", locked=True)
        registry.agency_year_data(Picture, agency="agency", year="year", locked=True)
        for model in (ReviewNote, ReportArchive):
            registry.agency_year_data(model, agency="report__agency", year="report__year")
        # Records of the workflow and of background builds: the report's own change
        # (status, archive) already bumps the version when they matter.
        for model in (ReportEvent, Notification):
            registry.agency_year_data(model, agency="report__agency", year="report__year", versioned=False)
        registry.agency_year_data(PdfBuild, agency="agency", year="year", versioned=False)
        registry.account_data(Notification, user="user")  # the unread badge on every page
