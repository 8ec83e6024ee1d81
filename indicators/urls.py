from django.urls import path

from . import views

urlpatterns = [
    path("instansi/<slug:slug>/renstra/", views.renstra_list, name="renstra_list"),
    path("instansi/<slug:slug>/renstra/tambah/", views.renstra_form, name="renstra_create"),
    path("instansi/<slug:slug>/renstra/<int:period_id>/", views.plan, name="plan"),
    path("instansi/<slug:slug>/renstra/<int:period_id>/ubah/", views.renstra_form, name="renstra_edit"),
    path("instansi/<slug:slug>/renstra/<int:period_id>/hapus/", views.renstra_delete, name="renstra_delete"),
    path("instansi/<slug:slug>/renstra/<int:period_id>/sasaran/tambah/", views.goal_form, name="goal_create"),
    path("instansi/<slug:slug>/sasaran/<int:goal_id>/ubah/", views.goal_form, name="goal_edit"),
    path("instansi/<slug:slug>/sasaran/<int:goal_id>/hapus/", views.goal_delete, name="goal_delete"),
    path(
        "instansi/<slug:slug>/renstra/<int:period_id>/indikator/tambah/", views.indicator_form, name="indicator_create"
    ),
    path("instansi/<slug:slug>/indikator/<int:indicator_id>/ubah/", views.indicator_form, name="indicator_edit"),
    path("instansi/<slug:slug>/indikator/<int:indicator_id>/hapus/", views.indicator_delete, name="indicator_delete"),
    path(
        "instansi/<slug:slug>/indikator/<int:indicator_id>/target/", views.indicator_targets, name="indicator_targets"
    ),
    path("instansi/<slug:slug>/<int:year>/capaian/", views.grid, name="grid"),
    path(
        "instansi/<slug:slug>/<int:year>/indikator/<int:indicator_id>/analisis/",
        views.indicator_analysis,
        name="indicator_analysis",
    ),
    path("instansi/<slug:slug>/<int:year>/capaian/pratinjau/", views.grid_preview, name="grid_preview"),
]
