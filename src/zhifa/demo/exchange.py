"""演示数据 of 数据交换 (idempotent): 周敏 (dh_jd, 东湖区司法局) exports a page of 东湖区's changes; 吴刚
(js_jd, 江州市司法局) imports a page received from another system (东湖区's page as a neighbouring
instance, ZF320199, sent it), then a later file from that system whose 东湖区市场监督管理局 body is older than
the one already collected — kept, and reported as a conflict. ZF320199 is the exchange source of 东湖区市场监督管理局's
办案系统 in the 执法信息系统台账 (demo/information_systems.py links it after this and the link finds the first
import: the system is 已对接 from that day)."""

import copy

from zhifa.accounts.models import User
from zhifa.exchange import services
from zhifa.exchange.models import Batch
from zhifa.exchange.snapshots import content_hash

OTHER_INSTANCE = "ZF320199"


def load(stdout) -> None:
    if Batch.objects.exists():
        return
    sender, receiver = User.objects.get(username="dh_jd"), User.objects.get(username="js_jd")
    page = services.export_page(actor=sender, limit=200)
    received = {**page, "source": {**page["source"], "instance": OTHER_INSTANCE}}
    services.import_envelope(actor=receiver, envelope=received)
    services.import_envelope(actor=receiver, envelope=_older_body(received))
    stdout.write("数据交换：1个导出批次，2个导入批次（1处冲突）\n")


def _older_body(envelope: dict) -> dict:
    """The same file with the body's name changed at a time before the collected version: a conflict."""
    later = copy.deepcopy(envelope)
    later["cd_batch"] = envelope["cd_batch"][:9] + "999999"
    for record in later["records"]:
        if record["kind"] == "body":
            record["data"]["name"] += "（旧称）"
            record["hash"] = content_hash(record["data"])
            record["cd_time"] = "2020-01-01T00:00:00.000000Z"
            break
    return later
