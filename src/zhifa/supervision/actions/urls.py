"""监督事项：发现问题、监督文书、整改与升级 pages — no app_name of their own: zhifa.supervision.urls includes them in the "supervision" namespace."""

urlpatterns: list = []
