import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helhed.settings")
application = get_wsgi_application()

if settings.SECRET_KEY_IS_EPHEMERAL and not (settings.DEBUG or settings.DEMO_MODE):
    raise ImproperlyConfigured("HELHED_SECRET_KEY must be set to serve helhed (see .env.example).")
