from django.db import models


class Direction(models.TextChoices):
    EXPORT = "export", "导出"
    IMPORT = "import", "导入"


class Operation:
    """cd_operation of the 互联网+监管 envelope (plain strings, not TextChoices: the one-letter codes are never
    shown, and the crawl's check for choice codes in visible text would find "i" in any formula)."""

    INSERT = "i"
    UPDATE = "u"
    DELETE = "d"


class Kind(models.TextChoices):
    """What a record of the exchange describes (docs/exchange.md)."""

    BODY = "body", "执法主体"
    OFFICER = "officer", "执法人员"
    ITEM = "item", "执法事项"
    CASE = "case", "案件"
    DECISION = "decision", "处罚决定"
    INSPECTION = "inspection", "行政检查"
    SUPERVISION = "supervision", "监督结果"
    RECORD = "record", "执法记录"
