from django.db import models


class LegalStanding(models.TextChoices):
    """执法主体资格的来源."""

    STATUTORY = "statutory", "法定行政机关"
    AUTHORIZED = "authorized", "法律法规授权组织"
    ENTRUSTED = "entrusted", "受委托组织"


class GrantKind(models.TextChoices):
    """How a development-zone body (or its unit) obtained enforcement power (seed 000 §7)."""

    LAW_GRANT = "law_grant", "法律、法规授权"
    CONCENTRATED_PENALTY = "concentrated_penalty", "相对集中行政处罚权决定"
    CONCENTRATED_LICENSE = "concentrated_license", "相对集中行政许可权决定"


class BodyStatus(models.TextChoices):
    PENDING = "pending", "待确认"
    CONFIRMED = "confirmed", "已确认"
    MERGED = "merged", "已合并"
    REVOKED = "revoked", "已撤销"


class BodyChangeKind(models.TextChoices):
    """执法主体的变动 (新设 / 合并 / 更名 / 撤销), each needing the government's (re-)confirmation."""

    ESTABLISH = "establish", "新设"
    CONFIRM = "confirm", "确认"
    ANNOUNCE = "announce", "公告"
    MERGE = "merge", "合并"
    RENAME = "rename", "更名"
    REVOKE = "revoke", "撤销"


class PersonKind(models.TextChoices):
    OFFICER = "officer", "行政执法人员"
    AUXILIARY = "auxiliary", "行政执法辅助人员"


class PersonStatus(models.TextChoices):
    ACTIVE = "active", "在岗"
    SUSPENDED = "suspended", "暂停执法"
    LEFT = "left", "调离/退休"


class CertificateKind(models.TextChoices):
    ENFORCEMENT = "enforcement", "行政执法证"
    SUPERVISION = "supervision", "行政执法监督证"


class CertificateStatus(models.TextChoices):
    """Stored status. EXPIRED is also derived: a VALID certificate past its expiry date is expired."""

    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "吊销"
    EXPIRED = "expired", "过期"


class TrainingKind(models.TextChoices):
    PUBLIC_LAW = "public_law", "公共法律知识"
    BUSINESS = "business", "业务知识"
    SKILLS = "skills", "执法技能"
    # 法制审核人员培训制度 (seed 003 四(二)3): the hours counted towards the reviewers' own yearly target
    LEGAL_REVIEW = "legal_review", "法制审核业务"


class AssessmentGrade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    COMPETENT = "competent", "合格"
    BASIC = "basic", "基本合格"
    INCOMPETENT = "incompetent", "不合格"


class CaseRole(models.TextChoices):
    """What a person may do in a case. The first five change a party's rights and need a certified
    officer; the rest are the 事务性 work 执法辅助人员 may do (seed 000 §10)."""

    HANDLE = "handle", "承办（案件经办人）"
    INVESTIGATE = "investigate", "调查取证"
    REVIEW = "review", "审核"
    DECIDE = "decide", "作出决定"
    COERCE = "coerce", "实施行政强制措施"
    INSPECT = "inspect", "行政检查"
    SERVE = "serve", "送达文书"
    COLLECT = "collect", "信息采集"
    RECEIVE = "receive", "接报案、受案登记"
    ASSIST = "assist", "协助执行"


OFFICER_ONLY_ROLES = frozenset(
    {
        CaseRole.HANDLE,
        CaseRole.INVESTIGATE,
        CaseRole.REVIEW,
        CaseRole.DECIDE,
        CaseRole.COERCE,
        CaseRole.INSPECT,
    }
)
AUXILIARY_ROLES = frozenset(set(CaseRole) - OFFICER_ONLY_ROLES)
