from django.contrib.auth.backends import ModelBackend

from .permissions import permissions_of


class RoleBackend(ModelBackend):
    """Password login, and permissions that come from the user's fixed roles (not from groups)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_role_perm_cache"):
            user_obj._role_perm_cache = set(permissions_of(user_obj.role_codes))
        return user_obj._role_perm_cache
