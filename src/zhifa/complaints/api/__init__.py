from .complaints import router

__all__ = ["router"]
