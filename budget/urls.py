from django.urls import path

from . import views

urlpatterns = [
    path("instansi/<slug:slug>/<int:year>/anggaran/", views.budget, name="budget"),
    path("instansi/<slug:slug>/<int:year>/anggaran/tambah/", views.item_form, name="budget_item_create"),
    path("instansi/<slug:slug>/<int:year>/anggaran/<int:item_id>/ubah/", views.item_form, name="budget_item_edit"),
    path("instansi/<slug:slug>/<int:year>/anggaran/<int:item_id>/hapus/", views.item_delete, name="budget_item_delete"),
]
