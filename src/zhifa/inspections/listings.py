"""The columns of the Excel exports of the 随机抽查事项清单 and the 执法检查人员名录库 (the same rows as the
pages, from the same selectors)."""

ITEM_HEADERS = ["事项编码", "事项名称", "执法领域", "设定依据", "抽查对象", "抽查方式", "实施主体"]
INSPECTOR_HEADERS = ["执法领域", "姓名", "居住地区划"]


def legal_bases_text(item) -> str:
    return "；".join(f"《{b.law_name}》{b.article}" for b in item.legal_bases.all())


def item_rows(items):
    for item in items:
        yield (
            item.code,
            item.name,
            item.field.name,
            legal_bases_text(item),
            item.inspection_object,
            item.inspection_method,
            item.implementing_body.name if item.implementing_body else "",
        )


def inspector_rows(rows):
    for code, officers in rows:
        for officer, home in officers:
            yield (code, officer.name, home or "未登记")
