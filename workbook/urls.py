from django.urls import path

from . import views

urlpatterns = [
    path("excel/template.xlsx", views.workbook_template, name="workbook_template"),
    path("instansi/<slug:slug>/<int:year>/excel/", views.workbook_page, name="workbook"),
    path("instansi/<slug:slug>/<int:year>/excel/ekspor.xlsx", views.workbook_export, name="workbook_export"),
    path(
        "instansi/<slug:slug>/<int:year>/excel/<int:import_id>/pratinjau/",
        views.workbook_preview,
        name="workbook_preview",
    ),
    path(
        "instansi/<slug:slug>/<int:year>/excel/<int:import_id>/proses/",
        views.workbook_progress,
        name="workbook_progress",
    ),
    path(
        "instansi/<slug:slug>/<int:year>/excel/<int:import_id>/status.json",
        views.workbook_status,
        name="workbook_status",
    ),
    path(
        "instansi/<slug:slug>/<int:year>/excel/galat/<int:import_id>.xlsx",
        views.workbook_errors,
        name="workbook_errors",
    ),
]
