"""监督计划、工作台账与督办 pages — no app_name of their own: zhifa.supervision.urls includes them in the "supervision" namespace."""

urlpatterns: list = []
