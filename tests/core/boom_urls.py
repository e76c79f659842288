"""The project's URLs and error handlers, plus a view that fails (tests/core/test_web_hardening.py)."""

from django.urls import path

from zhifa.urls import handler400, handler500  # noqa: F401  (handlers by name)
from zhifa.urls import urlpatterns as project_urls


def boom(request):
    raise RuntimeError("测试用的故障")


urlpatterns = [path("boom/", boom), *project_urls]
