from django.urls import path

from . import views

urlpatterns = [
    path("bahasa/", views.switch_language, name="switch_language"),
    path("sehat/", views.health, name="health"),
]
