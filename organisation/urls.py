from django.urls import path

from . import views

urlpatterns = [
    path("instansi/<slug:slug>/<int:year>/organisasi/", views.organisation, name="organisation"),
    path("instansi/<slug:slug>/<int:year>/organisasi/tugas/", views.duty_form, name="organisation_duty"),
    path("instansi/<slug:slug>/<int:year>/organisasi/<str:part>/", views.part_form, name="organisation_part"),
]
