"""案卷评查活动：抽取、交叉评查、评分: the /api/supervision/ endpoints of this feature."""

from ninja import Router

router = Router(tags=["执法监督"])
