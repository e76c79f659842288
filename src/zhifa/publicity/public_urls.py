"""公示 portal, open to everyone (mounted at /gs/)."""

app_name = "publicity_public"

urlpatterns = []
