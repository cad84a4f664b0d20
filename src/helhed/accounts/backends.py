from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class HelhedBackend(ModelBackend):
    """The model backend, except that demo users cannot log in outside demo mode."""

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        return settings.DEMO_MODE or not hasattr(user, "demo_account")
