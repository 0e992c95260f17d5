import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tridaya.settings")
application = get_wsgi_application()

# Load fonts, WeasyPrint and matplotlib in the background, once the process has answered its
# first request (so they do not slow its start), so that the first document a user downloads from
# this process is as fast as the next ones (TRIDAYA_WARM_DOCUMENTS=0: off).
from tridaya.documents import warmup  # noqa: E402

warmup.start_after_first_request()
