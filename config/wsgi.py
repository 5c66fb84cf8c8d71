import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

# The view beacon, sent by every article visit, is counted in front of Django's request
# handling when Redis is the cache (editorial.reader.beacon).
django_application = get_wsgi_application()

from editorial.reader.beacon import BeaconApplication  # noqa: E402 (needs Django set up)

application = BeaconApplication(django_application)
