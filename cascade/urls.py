from django.urls import path

from . import views

A = "instansi/<slug:slug>/<int:year>/kaskade/"

urlpatterns = [
    path(A, views.cascade_tree, name="cascade_tree"),
    path(A + "monitoring/", views.cascade_monitoring, name="cascade_monitoring"),
    path(A + "unit/<int:unit_id>/", views.unit_page, name="unit_page"),
    path(A + "unit/<int:unit_id>/sasaran-baru/", views.unit_goal_form, name="unit_goal_new"),
    path(A + "unit/<int:unit_id>/pk/", views.unit_agreement, name="unit_agreement"),
    path(A + "sasaran/<int:goal_id>/", views.unit_goal_form, name="unit_goal_edit"),
    path(A + "sasaran/<int:goal_id>/hapus/", views.unit_goal_delete, name="unit_goal_delete"),
    path(A + "sasaran/<int:goal_id>/indikator-baru/", views.unit_indicator_form, name="unit_indicator_new"),
    path(A + "indikator/<int:indicator_id>/", views.unit_indicator_form, name="unit_indicator_edit"),
    path(A + "indikator/<int:indicator_id>/hapus/", views.unit_indicator_delete, name="unit_indicator_delete"),
    path(A + "indikator/<int:indicator_id>/rencana-aksi/", views.action_plan, name="action_plan"),
    path("instansi/<slug:slug>/sasaran/<int:goal_id>/sasaran-daerah/", views.goal_support, name="goal_support"),
    path("daerah/<slug:region_slug>/<int:year>/rpjmd/", views.region_plan, name="region_plan"),
]
