from django.contrib import admin, messages
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import User
from django_tasks_db.models import DBTaskResult

from .models import BackgroundTaskResult

# The same admin django-tasks-db ships, shown under an Indonesian name ("Task Results" is
# not translated); it registered first, as it comes before this app in INSTALLED_APPS.
_shipped_admin = type(admin.site._registry[DBTaskResult])
admin.site.unregister(DBTaskResult)
admin.site.register(BackgroundTaskResult, _shipped_admin)


@admin.action(description="Paksa atur ulang kata sandi (kata sandi lama tidak berlaku, tautan dikirim ke e-mail)")
def force_password_reset(modeladmin, request, queryset):
    """For a leaked or shared password: the old one stops working at once (and every
    session with it), and the user sets a new one through the e-mailed link."""
    sent, without_email = 0, []
    for user in queryset:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        if user.email:
            form = PasswordResetForm({"email": user.email})
            if form.is_valid():
                # PasswordResetForm skips unusable passwords: send to exactly this user.
                form.get_users = lambda email, user=user: [user]
                form.save(request=request, use_https=request.is_secure())
                sent += 1
        else:
            without_email.append(user.get_username())
    modeladmin.message_user(
        request, f"Kata sandi {queryset.count()} pengguna tidak berlaku lagi; {sent} tautan dikirim."
    )
    if without_email:
        modeladmin.message_user(
            request,
            f"Tanpa e-mail (beri kata sandi sementara lewat admin): {', '.join(without_email)}.",
            level=messages.WARNING,
        )


_shipped_user_admin = type(admin.site._registry[User])
admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(_shipped_user_admin):
    actions = [*(_shipped_user_admin.actions or []), force_password_reset]
