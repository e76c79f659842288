"""Demo organisations: 江州市 (a fictional city) with two counties and a township each, a 司法局 at
city and county level and five enforcement departments in each county; plus a 综合行政执法大队 set up
inside 东湖区市场监督管理局 by the 体制改革, which enforces in its department's name and so cannot be
confirmed as an enforcement body (registry shows that refusal); and 江州市市场监督管理局, the city department
that reads its county counterparts' cases (vertical oversight, seed 002 (十三))."""

from datetime import date

from zhifa.core import holiday_overrides, number_formats, services
from zhifa.core.choices import AgencyKind, DayKind, NumberKind, RegionLevel
from zhifa.core.models import Agency, HolidayOverride, NumberFormat, Region
from zhifa.core.validators import credit_code_with_check

REGIONS = [
    ("990100", "江州市", RegionLevel.CITY, None),
    ("990102", "东湖区", RegionLevel.COUNTY, "990100"),
    ("990121", "青山县", RegionLevel.COUNTY, "990100"),
    ("990102001", "东湖街道", RegionLevel.TOWNSHIP, "990102"),
    ("990121100", "青山镇", RegionLevel.TOWNSHIP, "990121"),
]

DEPARTMENTS = [
    ("市场监督管理局", "市监", AgencyKind.DEPARTMENT),
    ("生态环境局", "环", AgencyKind.DEPARTMENT),
    ("交通运输局", "交", AgencyKind.DEPARTMENT),
    # A government department of its own (城市管理综合行政执法局): a statutory enforcement body, unlike a
    # 综合行政执法大队 formed inside a department (AgencyKind.COMPREHENSIVE, below).
    ("综合行政执法局", "综执", AgencyKind.DEPARTMENT),
    ("应急管理局", "应急", AgencyKind.DEPARTMENT),
]


def agency_specs() -> list[dict]:
    """(name, short name, kind, region code[, parent name]) for every demo agency, in creation order."""
    specs = [dict(name="江州市司法局", short_name="江司", kind=AgencyKind.JUSTICE, region="990100")]
    for code, county, short in [("990102", "东湖区", "东"), ("990121", "青山县", "青")]:
        specs.append(
            dict(name=f"{county}司法局", short_name=f"{short}司", kind=AgencyKind.JUSTICE, region=code)
        )
        for name, abbr, kind in DEPARTMENTS:
            specs.append(dict(name=f"{county}{name}", short_name=f"{short}{abbr}", kind=kind, region=code))
    specs.append(
        dict(name="东湖街道办事处", short_name="东湖街", kind=AgencyKind.TOWNSHIP, region="990102001")
    )
    specs.append(
        dict(name="青山镇人民政府", short_name="青山镇", kind=AgencyKind.TOWNSHIP, region="990121100")
    )
    specs.append(
        dict(
            name="东湖区市场监管综合行政执法大队",
            short_name="东市监大队",
            kind=AgencyKind.COMPREHENSIVE,
            region="990102",
            parent="东湖区市场监督管理局",
        )
    )
    return specs


# City departments: no catalogue or enforcement body of their own in the demo (the loaders of those walk
# agency_specs), only the reading of their counterparts below.
CITY_DEPARTMENTS = [
    dict(name="江州市市场监督管理局", short_name="江市监", kind=AgencyKind.DEPARTMENT, region="990100"),
]


def demo_credit_code(region_code: str, index: int) -> str:
    """A valid 统一社会信用代码 for a 机关 (category 11) in the region; fictitious, for demo data."""
    return credit_code_with_check(f"11{region_code[:6]}{index:09d}")


# 司法所 (seed 001 二): in the township, under the county 司法局; its user reads the township's records
# (core.access.township_reader) and acts on nothing of theirs
JUSTICE_OFFICES = [
    dict(
        name="东湖街道司法所",
        short_name="东湖司法所",
        kind=AgencyKind.JUSTICE_OFFICE,
        region="990102001",
        parent="东湖区司法局",
    ),
]


# 业务主管部门 (Agency.superior_department): the county departments of the city department's 系统
SUPERIORS = {
    "东湖区市场监督管理局": "江州市市场监督管理局",
    "青山县市场监督管理局": "江州市市场监督管理局",
}


def load(out) -> None:
    for code, name, level, parent in REGIONS:
        if not Region.objects.filter(code=code).exists():
            services.region_create(
                actor=None,
                code=code,
                name=name,
                level=level,
                parent=Region.objects.get(code=parent) if parent else None,
            )
    for index, spec in enumerate(agency_specs() + CITY_DEPARTMENTS + JUSTICE_OFFICES, start=1):
        if Agency.objects.filter(name=spec["name"]).exists():
            continue
        region = Region.objects.get(code=spec["region"])
        services.agency_create(
            actor=None,
            name=spec["name"],
            short_name=spec["short_name"],
            kind=spec["kind"],
            region=region,
            parent=Agency.objects.get(name=spec["parent"]) if spec.get("parent") else None,
            credit_code=demo_credit_code(region.code, index),
        )
    for name, superior in SUPERIORS.items():
        agency = Agency.objects.get(name=name)
        if agency.superior_department_id is None:
            services.agency_update(
                actor=None, agency=agency, superior_department=Agency.objects.get(name=superior)
            )
    out.write(f"机关/机构：{Agency.objects.count()} 个")
    _load_calendar_and_number_formats()


# 节假日调整: 2026's two Saturdays of work around 春节, as the State Council published them (the package
# knows them too: the entries confirm, they change no due date). 文号格式: 东湖区市场监督管理局's own
# prefixes for the letters it sends, in place of its short name and the kind.
HOLIDAY_OVERRIDES = [
    (date(2026, 2, 14), DayKind.WORKDAY, "春节调休上班"),
    (date(2026, 2, 28), DayKind.WORKDAY, "春节调休上班"),
]
NUMBER_FORMATS = [
    ("东湖区市场监督管理局", NumberKind.TRANSFER, "东市监移送"),
    ("东湖区市场监督管理局", NumberKind.ASSISTANCE, "东市监协"),
]


def _load_calendar_and_number_formats() -> None:
    for day, kind, name in HOLIDAY_OVERRIDES:
        if not HolidayOverride.objects.filter(date=day).exists():
            holiday_overrides.holiday_override_set(actor=None, day=day, kind=kind, name=name)
    for agency_name, kind, prefix in NUMBER_FORMATS:
        agency = Agency.objects.get(name=agency_name)
        if not NumberFormat.objects.filter(agency=agency, kind=kind).exists():
            number_formats.number_format_create(actor=None, agency=agency, kind=kind, prefix=prefix)
