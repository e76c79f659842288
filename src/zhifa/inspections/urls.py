"""双随机抽查 — staff pages."""

app_name = "inspections"

urlpatterns = []
