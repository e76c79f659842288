"""监督计划、工作台账与督办: the /api/supervision/ endpoints of this feature."""

from ninja import Router

router = Router(tags=["执法监督"])
