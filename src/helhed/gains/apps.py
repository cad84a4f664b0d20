from django.apps import AppConfig


class GainsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "helhed.gains"
