"""Demo users: one account for every role, in 东湖区市场监督管理局 (business roles), the two 司法局
(supervisors) and 江州市司法局 (the 三员); a leader of 江州市市场监督管理局, who reads the county
市场监督管理局's cases; plus an officer in every other demo department."""

from zhifa.accounts import services
from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import User
from zhifa.core.models import Agency
from zhifa.demo.core import DEPARTMENTS

DEMO_PASSWORD = "Donghu#Zf2026"  # passes the password policy (accounts.passwords)

MAIN = "东湖区市场监督管理局"
USERS = [
    # username, real name, agency, roles
    ("dh_zf1", "张伟", MAIN, [RoleCode.OFFICER]),
    ("dh_zf2", "李娜", MAIN, [RoleCode.OFFICER]),
    ("dh_fz1", "王芳", MAIN, [RoleCode.AUXILIARY]),
    ("dh_cbfz", "刘洋", MAIN, [RoleCode.OFFICER, RoleCode.UNIT_HEAD]),
    ("dh_fzsh", "陈静", MAIN, [RoleCode.LEGAL_REVIEWER]),
    ("dh_jgfz", "杨帆", MAIN, [RoleCode.AGENCY_HEAD]),
    ("qs_zf1", "赵磊", "青山县市场监督管理局", [RoleCode.OFFICER]),
    ("qs_zf2", "孙丽", "青山县市场监督管理局", [RoleCode.OFFICER]),
    ("js_sj", "林涛", "江州市市场监督管理局", [RoleCode.UNIT_HEAD]),
    ("dh_jd", "周敏", "东湖区司法局", [RoleCode.SUPERVISOR]),
    ("js_jd", "吴刚", "江州市司法局", [RoleCode.SUPERVISOR]),
    ("dh_sfs", "钱进", "东湖街道司法所", [RoleCode.SUPERVISOR]),
    ("sysadmin", "郑强", "江州市司法局", [RoleCode.SYSTEM_ADMIN]),
    ("secadmin", "冯雪", "江州市司法局", [RoleCode.SECURITY_ADMIN]),
    ("auditadmin", "何平", "江州市司法局", [RoleCode.AUDIT_ADMIN]),
]


# The officers of the other departments (demo/registry.py links each to an Officer row of the same name).
DEPARTMENT_OFFICER_NAMES = {
    "dh_d2_zf": "胡斌",
    "dh_d3_zf": "高峰",
    "dh_d4_zf": "梁超",
    "dh_d5_zf": "谢明",
    "qs_d2_zf": "董亮",
    "qs_d3_zf": "曹宇",
    "qs_d4_zf": "邓涛",
    "qs_d5_zf": "傅强",
}


def user_specs() -> list[tuple[str, str, str, list[str]]]:
    specs = list(USERS)
    pinyin = {"东湖区": "dh", "青山县": "qs"}
    for county, prefix in pinyin.items():
        for index, (name, _, _) in enumerate(DEPARTMENTS[1:], start=2):
            username = f"{prefix}_d{index}_zf"
            specs.append(
                (
                    username,
                    DEPARTMENT_OFFICER_NAMES.get(username, f"{county[:2]}{name[:2]}执法员"),
                    f"{county}{name}",
                    [RoleCode.OFFICER],
                )
            )
    return specs


def load(out) -> None:
    for username, real_name, agency_name, roles in user_specs():
        if User.objects.filter(username=username).exists():
            continue
        services.user_create(
            actor=None,
            username=username,
            real_name=real_name,
            agency=Agency.objects.get(name=agency_name),
            password=DEMO_PASSWORD,
            roles=roles,
        )
    out.write(f"用户：{User.objects.count()} 个")


def logins() -> list[tuple[str, str, str]]:
    """(username, roles, agency) of the accounts worth trying first."""
    return [(u, "、".join(RoleCode(r).label for r in roles), a) for u, _, a, roles in USERS]
