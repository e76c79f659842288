"""行政执法公示 — staff pages."""

app_name = "publicity"

urlpatterns = []
