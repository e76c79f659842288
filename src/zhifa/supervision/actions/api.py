"""监督事项：发现问题、监督文书、整改与升级: the /api/supervision/ endpoints of this feature."""

from ninja import Router

router = Router(tags=["执法监督"])
