from django.urls import path

from . import views

urlpatterns = [
    path("instansi/<slug:slug>/<int:year>/tabel-data/baru/", views.data_table_form, name="data_table_new"),
    path("instansi/<slug:slug>/<int:year>/tabel-data/<int:table_id>/", views.data_table_form, name="data_table_edit"),
    path(
        "instansi/<slug:slug>/<int:year>/tabel-data/<int:table_id>/hapus/",
        views.data_table_delete,
        name="data_table_delete",
    ),
]
