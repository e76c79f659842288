from .filings import router

__all__ = ["router"]
