from django.urls import path

from . import history_views, picture_views, profile_views, review_views, unit_agreement_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "instansi/<slug:slug>/<int:year>/kaskade/pk/<int:agreement_id>.pdf",
        unit_agreement_views.unit_agreement_pdf,
        name="unit_agreement_pdf",
    ),
    path("instansi/<slug:slug>/", views.agency_home, name="agency_home"),
    path("instansi/<slug:slug>/profil/", profile_views.agency_profile, name="agency_profile"),
    path("instansi/<slug:slug>/tahun/", views.year_switch, name="agency_year_switch"),
    path("instansi/<slug:slug>/<int:year>/", views.workspace, name="workspace"),
    path("instansi/<slug:slug>/<int:year>/narasi/", views.narrative, name="narrative"),
    path("reviu/", review_views.dashboard, name="dashboard_current"),
    path("reviu/<int:year>/", review_views.dashboard, name="dashboard"),
    path("reviu/<int:year>/dasbor.xlsx", review_views.dashboard_xlsx, name="dashboard_xlsx"),
    path("notifikasi/", review_views.notifications, name="notifications"),
    path("notifikasi/<int:notification_id>/", review_views.notification_open, name="notification_open"),
    path("instansi/<slug:slug>/<int:year>/reviu/", review_views.review, name="review"),
    path("instansi/<slug:slug>/<int:year>/reviu/<str:action>/", review_views.transition, name="transition"),
    path(
        "instansi/<slug:slug>/<int:year>/reviu/catatan/<int:note_id>/selesai/",
        review_views.resolve_note,
        name="resolve_note",
    ),
    path("instansi/<slug:slug>/<int:year>/riwayat/", history_views.agency_history, name="agency_history"),
    path(
        "instansi/<slug:slug>/indikator/<int:indicator_id>/riwayat/",
        history_views.indicator_history,
        name="indicator_history",
    ),
    path("instansi/<slug:slug>/<int:year>/laporan/", views.report_html, name="report_html"),
    path("instansi/<slug:slug>/<int:year>/laporan.pdf", views.report_pdf, name="report_pdf"),
    path("instansi/<slug:slug>/<int:year>/laporan.json", views.report_json, name="report_json"),
    path("instansi/<slug:slug>/<int:year>/perjanjian-kinerja.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("instansi/<slug:slug>/<int:year>/laporan/pdf/", views.pdf_build_start, name="pdf_build_start"),
    path("instansi/<slug:slug>/<int:year>/laporan/pdf/<int:build_id>/", views.pdf_build, name="pdf_build"),
    path(
        "instansi/<slug:slug>/<int:year>/laporan/pdf/<int:build_id>.json",
        views.pdf_build_status,
        name="pdf_build_status",
    ),
    path(
        "instansi/<slug:slug>/<int:year>/laporan/pdf/<int:build_id>.pdf",
        views.pdf_build_download,
        name="pdf_build_download",
    ),
    path(
        "instansi/<slug:slug>/<int:year>/narasi/sasaran/<int:goal_id>/",
        views.narrative_edit,
        {"key": "analisis_sasaran"},
        name="narrative_goal_edit",
    ),
    path("instansi/<slug:slug>/<int:year>/narasi/gambar/", picture_views.picture_upload, name="picture_upload"),
    path("instansi/<slug:slug>/<int:year>/narasi/gambar/<int:picture_id>/", picture_views.picture, name="picture"),
    path(
        "instansi/<slug:slug>/<int:year>/narasi/gambar/<int:picture_id>/hapus/",
        picture_views.picture_delete,
        name="picture_delete",
    ),
    path("instansi/<slug:slug>/<int:year>/narasi/pratinjau/", views.narrative_preview, name="narrative_preview"),
    path("instansi/<slug:slug>/<int:year>/narasi/<str:key>/", views.narrative_edit, name="narrative_edit"),
]
