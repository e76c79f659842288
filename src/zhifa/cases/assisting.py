"""The 指导执法人员 of the API's 事务性 steps (seed 000 §10), named by id in `supervisor_id` (not in
cases.api: the evidence and 文书 APIs, which that package includes, use it too)."""

from django.core.exceptions import ValidationError

from zhifa.registry.models import Officer

SUPERVISOR = (
    "指导执法人员（执法人员id）：未持执法证件的人员（如执法辅助人员）协助办理受案登记、接收申请、送达、执行、"
    "上传证据、制作文书时必填"
)


def supervisor_of(agency_id: int, officer_id: int | None) -> Officer | None:
    """The 指导执法人员 named by id (someone not certified assists them in a 事务性 step)."""
    if officer_id is None:
        return None
    found = Officer.objects.filter(agency_id=agency_id, pk=officer_id).first()
    if found is None:
        raise ValidationError({"supervisor": f"执法人员{officer_id}不存在或不是本机关的人员"})
    return found
