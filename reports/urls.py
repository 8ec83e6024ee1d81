from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("instansi/<slug:slug>/", views.agency_home, name="agency_home"),
    path("instansi/<slug:slug>/tahun/", views.year_switch, name="agency_year_switch"),
    path("instansi/<slug:slug>/<int:year>/", views.workspace, name="workspace"),
    path("instansi/<slug:slug>/<int:year>/narasi/", views.narrative, name="narrative"),
    path("excel/template.xlsx", views.workbook_template, name="workbook_template"),
    path("instansi/<slug:slug>/<int:year>/excel/", views.workbook_page, name="workbook"),
    path("instansi/<slug:slug>/<int:year>/excel/ekspor.xlsx", views.workbook_export, name="workbook_export"),
    path(
        "instansi/<slug:slug>/<int:year>/excel/galat/<int:import_id>.xlsx",
        views.workbook_errors,
        name="workbook_errors",
    ),
    path("instansi/<slug:slug>/<int:year>/laporan/", views.report_html, name="report_html"),
    path("instansi/<slug:slug>/<int:year>/laporan.pdf", views.report_pdf, name="report_pdf"),
    path("instansi/<slug:slug>/<int:year>/laporan.json", views.report_json, name="report_json"),
    path(
        "instansi/<slug:slug>/<int:year>/narasi/sasaran/<int:goal_id>/",
        views.narrative_edit,
        {"key": "analisis_sasaran"},
        name="narrative_goal_edit",
    ),
    path("instansi/<slug:slug>/<int:year>/narasi/<str:key>/", views.narrative_edit, name="narrative_edit"),
]
