from django.apps import AppConfig


class ArealistsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "helhed.arealists"
