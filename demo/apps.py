from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The three real reports in fixtures/ loaded as demo agencies, with demo users."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Data demo"
