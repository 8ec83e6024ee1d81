from django.urls import path

from . import region_views, views

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
    path(A + "iku/<int:indicator_id>/rencana-aksi/", views.head_action_plan, name="head_action_plan"),
    path("instansi/<slug:slug>/sasaran/<int:goal_id>/sasaran-daerah/", views.goal_support, name="goal_support"),
    path("daerah/<slug:region_slug>/<int:year>/rpjmd/", views.region_plan, name="region_plan"),
    path("daerah/<slug:region_slug>/<int:year>/rpjmd/capaian/", region_views.region_values, name="region_values"),
    path("daerah/<slug:region_slug>/rpjmd/baru/", region_views.region_plan_form, name="region_plan_new"),
    path("daerah/<slug:region_slug>/rpjmd/<int:plan_id>/", region_views.region_plan_form, name="region_plan_edit"),
    path(
        "daerah/<slug:region_slug>/rpjmd/<int:plan_id>/sasaran-baru/",
        region_views.region_goal_form,
        name="region_goal_new",
    ),
    path(
        "daerah/<slug:region_slug>/rpjmd/sasaran/<int:goal_id>/", region_views.region_goal_form, name="region_goal_edit"
    ),
    path(
        "daerah/<slug:region_slug>/rpjmd/sasaran/<int:goal_id>/indikator-baru/",
        region_views.region_indicator_form,
        name="region_indicator_new",
    ),
    path(
        "daerah/<slug:region_slug>/rpjmd/indikator/<int:indicator_id>/",
        region_views.region_indicator_form,
        name="region_indicator_edit",
    ),
    path(
        "daerah/<slug:region_slug>/rpjmd/<str:kind>/<int:object_id>/hapus/",
        region_views.region_delete,
        name="region_delete",
    ),
]
