"""案卷评查活动：抽取、交叉评查、评分 pages — no app_name of their own: zhifa.supervision.urls includes them in the "supervision" namespace."""

urlpatterns: list = []
