from django.urls import path  # noqa: F401 — each part appends its paths below

app_name = "collaboration"

urlpatterns: list = []

from .transfers.urls import urlpatterns as transfer_urls  # noqa: E402

urlpatterns += transfer_urls
from .joint.urls import urlpatterns as joint_urls  # noqa: E402

urlpatterns += joint_urls
from .notices.urls import urlpatterns as notices_urls  # noqa: E402 — 抄告, 协助, 行刑衔接

urlpatterns += notices_urls
