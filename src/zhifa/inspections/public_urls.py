"""双随机 public pages (mounted at /gs/inspections/): published plans, draws, 扫码入企."""

app_name = "inspections_public"

urlpatterns = []
