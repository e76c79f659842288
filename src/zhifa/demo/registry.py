"""Demo registry: 41 people across the demo departments and townships (2 of them 执法辅助人员 in
东湖区市场监督管理局), their certificates, this year's training and last year's assessment, and the
enforcement bodies of every department and township (one still waiting for confirmation).

Dates are relative to today, so there is always one certificate expired, one expiring within 30 days
and one suspended. Everything is written through registry.services as the system (actor=None), and a
second run creates nothing: a person whose ID number exists, or an agency that already has a body, is
skipped whole (the demo command runs in one transaction, so nothing is ever half loaded)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from stdnum.cn import ric

from zhifa.accounts.models import User
from zhifa.core.choices import AgencyKind, RegionLevel
from zhifa.core.models import Agency
from zhifa.core.validators import id_number_with_check
from zhifa.demo.core import agency_specs
from zhifa.registry import services
from zhifa.registry.choices import (
    AssessmentGrade,
    CertificateKind,
    CertificateStatus,
    GrantKind,
    LegalStanding,
    PersonKind,
    TrainingKind,
)
from zhifa.registry.models import Certificate, EnforcementBody, EnforcementField, Officer

ISSUER = "江州市司法局"
MAIN = "东湖区市场监督管理局"
QS_MARKET = "青山县市场监督管理局"

FIELD_BY_DEPARTMENT = {
    "市场监督管理局": "market",
    "生态环境局": "ecology",
    "交通运输局": "transport",
    "综合行政执法局": "urban",
    "应急管理局": "emergency",
}

# Real 行政区划 codes for the birthplace part of the ID numbers (the demo regions 9901xx are fictitious).
# Some codes are younger than the older officers, so a code that did not exist at birth is passed over.
BIRTHPLACES = ["360102", "360121", "320102", "110101", "360403", "310104", "330106", "360122"]


@dataclass(frozen=True)
class Person:
    agency: str
    name: str
    sex: str  # "m" / "f": the parity of the ID number's 17th digit
    born: str  # YYYYMMDD
    username: str | None = None
    post: str = "执法岗"
    kind: str = PersonKind.OFFICER
    key_post_since: date | None = None
    certificate: str = "valid"  # valid / expired / expiring / suspended
    training: str = "full"  # full / short
    grade: str = AssessmentGrade.COMPETENT


A = PersonKind.AUXILIARY
EXCELLENT = AssessmentGrade.EXCELLENT

PEOPLE = [
    # 东湖区市场监督管理局: 10 officers and 2 auxiliary staff; 陈静 (dh_fzsh) reviews, so 1 ≥ 5% of 10.
    Person(MAIN, "张伟", "m", "19860314", "dh_zf1", "市场监管执法一队"),
    Person(MAIN, "李娜", "f", "19910722", "dh_zf2", "市场监管执法一队", grade=EXCELLENT),
    Person(MAIN, "刘洋", "m", "19780905", "dh_cbfz", "执法稽查科科长", key_post_since=date(2017, 3, 1)),
    Person(MAIN, "王芳", "f", "19960211", "dh_fz1", "执法辅助岗", kind=A),
    Person(MAIN, "黄晓东", "m", "19981103", None, "执法辅助岗", kind=A),
    Person(MAIN, "陈建国", "m", "19720418", None, "价格监督检查岗", key_post_since=date(2019, 6, 1)),
    Person(MAIN, "周婷", "f", "19880627", None, "市场监管执法二队", certificate="expiring"),
    Person(MAIN, "吴强", "m", "19750130", None, "市场监管执法二队", certificate="expired"),
    Person(MAIN, "徐丽", "f", "19930819", None, "食品安全执法岗", grade=EXCELLENT),
    Person(MAIN, "孙浩", "m", "19951208", None, "市场监管执法二队", training="short"),
    Person(MAIN, "马丽华", "f", "19830515", None, "特种设备安全监察岗"),
    Person(MAIN, "朱军", "m", "19800923", None, "网络交易监管岗"),
    # the other 东湖区 departments
    Person("东湖区生态环境局", "胡斌", "m", "19840702", "dh_d2_zf", "生态环境执法大队"),
    Person("东湖区生态环境局", "郭燕", "f", "19920116", None, "生态环境执法大队"),
    Person("东湖区生态环境局", "何志刚", "m", "19760328", None, "执法监测岗", grade=EXCELLENT),
    Person("东湖区交通运输局", "高峰", "m", "19870411", "dh_d3_zf", "交通运输执法大队"),
    Person("东湖区交通运输局", "林小红", "f", "19900930", None, "交通运输执法大队", certificate="suspended"),
    Person("东湖区交通运输局", "罗军", "m", "19730612", None, "路政执法岗"),
    Person("东湖区综合行政执法局", "梁超", "m", "19890105", "dh_d4_zf", "城管执法中队"),
    Person("东湖区综合行政执法局", "宋佳", "f", "19970724", None, "城管执法中队"),
    Person("东湖区综合行政执法局", "郑海涛", "m", "19820217", None, "市容执法岗", training="short"),
    Person("东湖区应急管理局", "谢明", "m", "19850808", "dh_d5_zf", "安全生产执法队"),
    Person("东湖区应急管理局", "韩雪", "f", "19941121", None, "安全生产执法队"),
    # 青山县: no 法制审核人员 among its users yet, so its 市场监督管理局 is short of the 5% ratio.
    Person(QS_MARKET, "赵磊", "m", "19830406", "qs_zf1", "市场监管执法队"),
    Person(QS_MARKET, "孙丽", "f", "19900613", "qs_zf2", "市场监管执法队", grade=EXCELLENT),
    Person(QS_MARKET, "唐俊", "m", "19860925", None, "市场监管执法队"),
    Person(QS_MARKET, "冯静", "f", "19920302", None, "食品安全执法岗"),
    Person(QS_MARKET, "于洪涛", "m", "19710817", None, "稽查执法岗", key_post_since=date(2016, 9, 1)),
    Person("青山县生态环境局", "董亮", "m", "19880119", "qs_d2_zf", "生态环境执法大队"),
    Person("青山县生态环境局", "程雅琴", "f", "19930506", None, "生态环境执法大队"),
    Person("青山县交通运输局", "曹宇", "m", "19910810", "qs_d3_zf", "交通运输执法大队"),
    Person("青山县交通运输局", "袁媛", "f", "19990204", None, "交通运输执法大队", training="short"),
    Person("青山县综合行政执法局", "邓涛", "m", "19841030", "qs_d4_zf", "城管执法中队"),
    Person("青山县综合行政执法局", "许敏", "f", "19950718", None, "城管执法中队"),
    Person("青山县应急管理局", "傅强", "m", "19790224", "qs_d5_zf", "安全生产执法队"),
    Person("青山县应急管理局", "沈慧", "f", "19870913", None, "安全生产执法队"),
    # townships: 综合行政执法 under the 相对集中行政处罚权 decision
    Person("东湖街道办事处", "曾伟", "m", "19850127", None, "综合行政执法队"),
    Person("东湖街道办事处", "彭丽", "f", "19940409", None, "综合行政执法队"),
    Person("青山镇人民政府", "吕刚", "m", "19770601", None, "综合行政执法队"),
    Person("青山镇人民政府", "苏梅", "f", "20000315", None, "综合行政执法队", training="short"),
    # 东湖区市场监督管理局's head (dh_jgfz) decides cases, so he holds a 行政执法证 too (issue 20)
    Person(MAIN, "杨帆", "m", "19720310", "dh_jgfz", "局长"),
]

PENDING_BODY = "青山县应急管理局"
TOWNSHIP_BASIS = (
    "《中华人民共和国行政处罚法》第二十四条；《江州市人民政府关于向乡镇（街道）赋予部分县级行政处罚权的决定》"
)
TOWNSHIP_GRANT_DOCUMENT = "江府发〔2024〕6号"


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def field_code(agency: Agency) -> str:
    """The 执法领域 of an agency's certificates: by department, 综合行政执法 for townships."""
    if agency.kind == AgencyKind.TOWNSHIP:
        return "general"
    for suffix, code in FIELD_BY_DEPARTMENT.items():
        if agency.name.endswith(suffix):
            return code
    return "general"


def id_number(index: int, person: Person) -> str:
    """A valid ID number: a real birthplace code, the birth date, a sequence number odd for men."""
    sequence = 100 + 2 * index + (1 if person.sex == "m" else 0)
    for offset in range(len(BIRTHPLACES)):
        code = BIRTHPLACES[(index + offset) % len(BIRTHPLACES)]
        number = id_number_with_check(f"{code}{person.born}{sequence:03d}")
        if ric.is_valid(number):
            return number
    raise ValueError(f"no birthplace code valid in {person.born[:4]}")


def load(out) -> None:
    today = timezone.localdate()
    for index, person in enumerate(PEOPLE):
        if not Officer.objects.filter(id_number=id_number(index, person)).exists():
            _load_person(index, person, today)
    _load_bodies(today)
    officers = Officer.objects.all()
    out.write(
        f"执法人员：{officers.count()} 人（其中辅助人员 {officers.filter(kind=PersonKind.AUXILIARY).count()} 人）；"
        f"执法证件：{Certificate.objects.count()} 本；执法主体：{EnforcementBody.objects.count()} 个"
    )


def _load_person(index: int, person: Person, today: date) -> None:
    agency = Agency.objects.get(name=person.agency)
    field = EnforcementField.objects.get(code=field_code(agency))
    born_year = int(person.born[:4])
    user = None
    if person.username:
        user = User.objects.filter(username=person.username, agency=agency, officer__isnull=True).first()
    officer = services.officer_create(
        actor=None,
        agency=agency,
        fields=[field],
        name=person.name,
        id_number=id_number(index, person),
        kind=person.kind,
        post=person.post,
        is_key_post=person.key_post_since is not None,
        post_since=person.key_post_since or date(today.year - 1 - index % 4, 3, 1),
        enforcing_since=date(min(born_year + 24, today.year - 1), 7, 1),
        user=user,
    )
    if person.kind == PersonKind.OFFICER:
        _load_certificate(index, officer, person, field, today)
    _load_training(officer, person, field, today)
    services.assessment_set(
        actor=None,
        officer=officer,
        year=today.year - 1,
        grade=person.grade,
        note="认真履行执法职责，全年无执法过错。" if person.grade == EXCELLENT else "",
    )


def _load_certificate(index: int, officer: Officer, person: Person, field, today: date) -> None:
    if person.certificate == "expired":
        expires_on = today - timedelta(days=20)
        issued_on = _years_before(expires_on, 5)
    elif person.certificate == "expiring":
        expires_on = today + timedelta(days=20)
        issued_on = _years_before(expires_on, 5)
    else:
        issued_on = _years_before(today, 1 + index % 4) - timedelta(days=(index * 11) % 60)
        expires_on = _years_before(issued_on, -5)
    region = officer.agency.region.code
    certificate = services.certificate_issue(
        actor=None,
        officer=officer,
        number=f"JZ{issued_on.year}{region[2:6]}{index + 1:04d}",
        kind=CertificateKind.ENFORCEMENT,
        issuer=ISSUER,
        issued_on=issued_on,
        expires_on=expires_on,
        fields=[field],
    )
    if person.certificate == "suspended":
        services.certificate_set_status(
            actor=None,
            certificate=certificate,
            status=CertificateStatus.SUSPENDED,
            reason="涉嫌违法违纪，立案调查期间暂扣行政执法证件",
        )
    elif index % 5 and issued_on <= _years_before(today, 2):
        # 审验 every two years: most were re-checked this year; the others are due (证件待审验).
        services.certificate_record_check(
            actor=None, certificate=certificate, on=max(issued_on, today - timedelta(days=120))
        )


def _load_training(officer: Officer, person: Person, field, today: date) -> None:
    def on(month: int, day: int) -> date:
        return min(date(today.year, month, day), today)

    if person.kind == PersonKind.AUXILIARY:
        courses = [(on(4, 8), TrainingKind.BUSINESS, 8, "行政执法辅助人员岗位培训", officer.agency.name)]
    else:
        courses = [
            (on(3, 15), TrainingKind.PUBLIC_LAW, 16, "行政执法公共法律知识培训", ISSUER),
            (
                on(5, 20),
                TrainingKind.BUSINESS,
                24 if person.training == "full" else 12,
                f"{field.name}执法业务培训",
                officer.agency.name,
            ),
        ]
        if person.training == "full":
            courses.append(
                (
                    on(9, 10),
                    TrainingKind.SKILLS,
                    24,
                    "执法技能实训（执法记录仪使用与文书制作）",
                    "江州市行政执法培训中心",
                )
            )
    for day, kind, hours, title, provider in courses:
        services.training_add(
            actor=None, officer=officer, on=day, kind=kind, hours=hours, title=title, provider=provider
        )


def _load_bodies(today: date) -> None:
    registered_on = today - timedelta(days=400)
    for number, spec in enumerate(agency_specs(), start=10):
        if spec["kind"] not in (AgencyKind.DEPARTMENT, AgencyKind.TOWNSHIP):
            continue
        agency = Agency.objects.select_related("region__parent").filter(name=spec["name"]).first()
        # (an agency of a database loaded before its kind was corrected is left alone)
        if (
            agency is None
            or agency.kind != spec["kind"]
            or EnforcementBody.objects.filter(agency=agency).exists()
        ):
            continue
        county = agency.region if agency.region.level == RegionLevel.COUNTY else agency.region.parent
        if agency.kind == AgencyKind.TOWNSHIP:
            body = services.body_register(
                actor=None,
                agency=agency,
                standing=LegalStanding.AUTHORIZED,
                legal_basis=TOWNSHIP_BASIS,
                grant_kind=GrantKind.CONCENTRATED_PENALTY,
                grant_document=TOWNSHIP_GRANT_DOCUMENT,
                on=registered_on,
            )
        else:
            body = services.body_register(
                actor=None,
                agency=agency,
                standing=LegalStanding.STATUTORY,
                legal_basis=f"《{county.name}人民政府职能配置、内设机构和人员编制规定》确定的{agency.name}法定职责",
                on=registered_on,
            )
        if agency.name == PENDING_BODY:
            continue
        document = f"{county.name[0]}政函〔{registered_on.year}〕{number}号"
        confirmed_on = registered_on + timedelta(days=20)
        body = services.body_confirm(
            actor=None, body=body, document=document, on=confirmed_on, confirmed_by=f"{county.name}人民政府"
        )
        services.body_announce(
            actor=None,
            body=body,
            text=f"经{county.name}人民政府确认（{document}），{body.name}为行政执法主体，"
            f"在法定职责范围内以自己的名义实施行政执法，并承担相应的法律责任。",
            on=confirmed_on + timedelta(days=7),
        )
