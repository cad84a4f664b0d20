from django.conf import settings


def navigation(request):
    """Values every page's header needs."""
    return {"demo_mode": settings.DEMO_MODE}
