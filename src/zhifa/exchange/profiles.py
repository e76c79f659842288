"""Mapping profiles: our exchange records (docs/exchange.md) in the shape another standard wants.

`hlwjg_inspection`: one `inspection` record as the 互联网+监管 行政检查行为 row (监管行为数据, DB23/T 2833-2021
表1 监管行为信息主体表; DB33/T 2392-2021), with the envelope fields (cd_id, cd_time, cd_source, cd_batch,
cd_operation) copied onto the row as those specifications carry them. Field names are the data elements'
Chinese names as the public summaries give them (the standards' column codes are not public); the mapping of
each value is in docs/exchange.md §4."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

# 检查实施清单编码 = the implementing agency's 统一社会信用代码 + the type digit of an inspection list
INSPECTION_LIST_TYPE = "2"
PARTY_NATURE = {"organisation": "法人及其他组织", "individual_business": "个体工商户", "person": "自然人"}
RESULT = {
    "no_problem": "未发现问题",
    "rectify": "发现问题，责令整改",
    "case_opened": "发现问题，立案查处",
    "not_found": "未找到检查对象",
    "": "",
}


def hlwjg_inspection(record: dict[str, Any], envelope: dict[str, Any]) -> dict[str, Any]:
    """The 行政检查行为 row of one exchange record of kind "inspection" (refused when 报送时间 would be
    before 检查时间, which the receiving platform rejects)."""
    if record["kind"] != "inspection" or record["data"] is None:
        raise ValidationError({"kind": "只有行政检查记录可以映射为行政检查行为"})
    data = record["data"]
    # 报送时间 is a local date, as 检查时间 is (cd_time is UTC: 2026-12-04T17:00Z is the 5th in Beijing)
    submitted = timezone.localdate(
        datetime.fromisoformat(record["cd_time"].replace("Z", "+00:00"))
    ).isoformat()
    if submitted < data["started_on"]:
        raise ValidationError({"cd_time": f"报送时间{submitted}早于检查时间{data['started_on']}"})
    person = data["subject_kind"] == "person"
    codes = [c for c in data["item_codes"] if c.isdigit() and len(c) == 14]
    return {
        "cd_id": record["cd_id"],
        "cd_time": record["cd_time"],
        "cd_operation": record["cd_operation"].upper(),
        "cd_batch": envelope["cd_batch"],
        "cd_source": envelope["cd_source"],
        "监管事项目录编码": codes[0] if codes else "",
        "检查实施清单编码": data["agency_credit_code"] + INSPECTION_LIST_TYPE,
        "检查事项名称": "、".join(data["item_names"]),
        "实施机构": data["agency_name"],
        "实施机构统一社会信用代码": data["agency_credit_code"],
        "委托部门": "",
        "委托部门统一社会信用代码": "",
        "行政相对人名称": data["subject_name"],
        "行政相对人性质": PARTY_NATURE.get(data["subject_kind"], ""),
        "行政相对人证件类型": "" if person else "统一社会信用代码",
        "行政相对人证件号码": "" if person else (data["subject_credit_code"] or ""),
        "注册地址": data["subject_address"],
        "经营地址": data["subject_address"],
        "行政区划代码": data["region_code"][:6],
        "检查形式": "双随机抽查" if data["plan"] else "非双随机检查",
        "检查类别": "日常检查" if data["plan"] else "专项检查",
        "检查方式": "现场检查（扫码入企）" if data["via_qr"] else "现场检查",
        "检查结果": RESULT.get(data["result"], ""),
        "检查时间": data["started_on"],
        "检查人员": [p["name"] for p in data["inspectors"]],
        "执法证号": [n for p in data["inspectors"] for n in p["certificates"]],
        "报送时间": submitted,
        "双随机抽查计划编号": str(data["plan"]) if data["plan"] else "",
    }
