from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import views as core_views
from core.forms import LoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("masuk/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    # Browsers ask for /favicon.ico on pages without a <link rel="icon"> (the admin).
    path("favicon.ico", core_views.favicon),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/kata-sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("akun/kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("akun/lupa-kata-sandi/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("akun/lupa-kata-sandi/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "akun/atur-ulang/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("akun/atur-ulang/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("", include("core.urls")),
    path("", include("reports.urls")),
    path("", include("workbook.urls")),
    path("", include("indicators.urls")),
    path("", include("budget.urls")),
    path("", include("organisation.urls")),
    path("", include("datatables.urls")),
    path("", include("cascade.urls")),
    path("", include("evaluation.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
