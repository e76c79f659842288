"""法制审核 — staff pages."""

app_name = "review"

urlpatterns = []
