from .equipment import router

__all__ = ["router"]
