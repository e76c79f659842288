"""演示数据 of 音像记录设备 and the 法制审核人员's qualification, through the services (idempotent):

- every agency with officers has one 执法记录仪 per front-line officer, except
  东湖区市场监督管理局 (one short of its ten officers: the 东湖区司法局 sees it below the standard) and
  青山县交通运输局 (one camera in 维修); 青山县应急管理局 is held to its own standard of 0.5;
- three cameras of 东湖区市场监督管理局 are out with 张伟, 李娜 and 徐丽 (领用), one was taken and returned;
- the first photo, recording or video of a 东湖区市场监督管理局 case names the camera it was made on;
- 陈静 (dh_fzsh, the agency's 法制审核人员) has her officer record with her 法律职业资格 and this year's
  法制审核业务 training (this module loads last, so no earlier demo step sees one more officer).
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.cases.models import Evidence
from zhifa.core.models import Agency
from zhifa.equipment import services
from zhifa.equipment.choices import DeviceKind, DeviceStatus
from zhifa.equipment.models import Device, EquipmentStandard, RecordingDevice
from zhifa.registry import services as registry
from zhifa.registry.choices import AssessmentGrade, PersonKind, PersonStatus, TrainingKind
from zhifa.registry.models import Officer

MAIN = "东湖区市场监督管理局"
REPAIR = "青山县交通运输局"
HALF = "青山县应急管理局"
HOLDERS = ("张伟", "李娜", "徐丽")
REVIEWER = "dh_fzsh"


def _officers(agency: Agency) -> int:
    return Officer.objects.filter(agency=agency, kind=PersonKind.OFFICER, status=PersonStatus.ACTIVE).count()


def _register(agency: Agency, count: int, today: date) -> None:
    prefix = f"ZFJLY-{agency.pk:03d}-"
    for n in range(1, count + 1):
        services.device_register(
            actor=None,
            agency=agency,
            data=services.DeviceInput(
                kind=DeviceKind.BODY_CAMERA,
                model="海康威视 K7",
                number=f"{prefix}{n:02d}",
                acquired_on=date(today.year - 1, 7, 1),
            ),
        )


def load(stdout) -> None:
    if Device.objects.exists():
        return
    today = timezone.localdate()
    main = Agency.objects.get(name=MAIN)
    _reviewer(main, today)  # first: she counts among the officers the cameras are for
    agencies = Agency.objects.filter(officers__kind=PersonKind.OFFICER).distinct()
    for agency in agencies.order_by("pk"):
        officers = _officers(agency)
        # the main agency's photo camera counts too: one device short of its officers in all
        _register(agency, officers - 2 if agency.name == MAIN else officers, today)
    services.device_register(
        actor=None,
        agency=main,
        data=services.DeviceInput(
            kind=DeviceKind.CAMERA, model="佳能 R8", number="ZXJ-2024-01", note="取证照相"
        ),
    )
    repair = Device.objects.filter(agency__name=REPAIR).order_by("number").first()
    if repair is not None:
        fields = {name: getattr(repair, name) for name in services.DEVICE_FIELDS}
        services.device_update(
            actor=None, device=repair, data=services.DeviceInput(**{**fields, "status": DeviceStatus.REPAIR})
        )
    half = Agency.objects.filter(name=HALF).first()
    if half is not None and not EquipmentStandard.objects.filter(agency=half).exists():
        services.standard_set(actor=None, agency=half, ratio=Decimal("0.5"), basis="本系统省级部门配备标准")
    cameras = list(Device.objects.filter(agency=main, kind=DeviceKind.BODY_CAMERA).order_by("number"))
    for device, name in zip(cameras, HOLDERS, strict=False):
        services.device_issue(actor=None, device=device, officer=Officer.objects.get(agency=main, name=name))
    if len(cameras) > len(HOLDERS):
        spare = cameras[len(HOLDERS)]
        services.device_issue(actor=None, device=spare, officer=Officer.objects.get(agency=main, name="刘洋"))
        services.device_return(actor=None, device=spare)
    evidence = (
        Evidence.objects.filter(case__agency=main, kind__in=services.RECORDED_KINDS).order_by("pk").first()
    )
    if evidence is not None and cameras and not RecordingDevice.objects.filter(evidence=evidence).exists():
        services.recording_link(actor=None, evidence=evidence, device=cameras[0])
    stdout.write(f"音像记录设备：{Device.objects.count()} 台")


def _reviewer(agency: Agency, today: date) -> None:
    """陈静's officer record: 法律职业资格 and this year's 法制审核业务 training (16 of the 20 hours)."""
    user = User.objects.filter(username=REVIEWER, agency=agency, officer__isnull=True).first()
    if user is None:
        return
    officer = registry.officer_create(
        actor=None,
        agency=agency,
        name=user.real_name,
        id_number="33010219900417002X",
        post="法制审核岗",
        user=user,
        legal_qualification_number="A20153301020123",
        legal_qualification_on=date(2015, 12, 20),
    )
    registry.training_add(
        actor=None,
        officer=officer,
        on=min(date(today.year, 6, 18), today),
        kind=TrainingKind.LEGAL_REVIEW,
        hours=16,
        title="重大执法决定法制审核业务培训",
        provider="江州市司法局",
    )
    registry.assessment_set(actor=None, officer=officer, year=today.year - 1, grade=AssessmentGrade.COMPETENT)
