from django.urls import path

from . import views

P = "instansi/<slug:slug>/<int:year>/evaluasi/"

urlpatterns = [
    path("evaluasi/<int:year>/", views.dashboard, name="evaluation_dashboard"),
    path("evaluasi/<int:year>/evaluasi.xlsx", views.dashboard_xlsx, name="evaluation_dashboard_xlsx"),
    path(P, views.worksheet, name="evaluation"),
    path(P + "mulai/", views.start, name="evaluation_start"),
    path(P + "langkah/<str:action>/", views.step, name="evaluation_step"),
    path(P + "usulan/", views.accept_proposals, name="evaluation_accept_proposals"),
    path(P + "bukti/unggah/", views.evidence_upload, name="evidence_upload"),
    path(P + "bukti/tautan/", views.evidence_link, name="evidence_link"),
    path(P + "bukti/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path(P + "bukti/<int:evidence_id>/hapus/", views.evidence_delete, name="evidence_delete"),
    path(P + "lhe/", views.lhe_edit, name="lhe_edit"),
    path(P + "lhe.pdf", views.lhe_pdf, name="lhe_pdf"),
    path(P + "rekomendasi/<int:recommendation_id>/hapus/", views.recommendation_delete, name="recommendation_delete"),
    path("instansi/<slug:slug>/<int:year>/tindak-lanjut/", views.follow_ups, name="follow_ups"),
    path("instansi/<slug:slug>/<int:year>/tindak-lanjut/<int:follow_up_id>/", views.follow_up, name="follow_up"),
]
