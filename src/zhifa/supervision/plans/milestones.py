"""工作台账 nodes the seeds give a date to, each with its source. A plan made with `milestones=True` gets one
task per node, due on that month and day of the plan's year (moved to the next working day when it falls on
a rest day). `own=True`: the justice bureau's own task (its ledger entry is its own); otherwise every active
agency of the bureau's region subtree reports, except the justice bureaus (they keep plans of their own)."""

from dataclasses import dataclass

from .choices import TaskKind

SEED_001 = "《江门市2024年度行政执法监督工作方案》"
SEED_002 = "《广东省提升行政执法质量三年行动实施计划》"
SEED_003 = "《朝阳县全面推行“三项制度”工作实施方案》"


@dataclass(frozen=True)
class Milestone:
    key: str
    title: str
    kind: str
    month: int
    day: int
    source: str
    own: bool = False


MILESTONES: tuple[Milestone, ...] = (
    Milestone(
        "special_may",
        "报送专项整治及“回头看”情况（上半年）",
        TaskKind.SPECIAL,
        5,
        31,
        f"{SEED_001}二(五)14：于5月底和11月底前将专项整治及组织“回头看”情况报送司法局汇总",
    ),
    Milestone(
        "training_rotation",
        "完成行政执法队伍全员轮训",
        TaskKind.DAILY,
        6,
        30,
        f"{SEED_002}：2024年6月底前完成行政执法队伍全员轮训",
    ),
    Milestone(
        "assess_recording",
        "考核节点：建立健全执法全过程记录信息收集保存管理使用制度",
        TaskKind.KEY,
        7,
        30,
        f"{SEED_003}五：7月30日前建立健全本部门执法全过程记录信息收集保存管理使用等工作制度",
    ),
    Milestone(
        "mid_term",
        "报送提升行政执法质量三年行动中期评估情况",
        TaskKind.KEY,
        8,
        31,
        f"{SEED_001}二(二)5：今年8月底前完成中期评估，组织实施情况报送同级司法行政部门汇总",
    ),
    Milestone(
        "special_supervision",
        "组织开展突出问题整治情况专项监督，形成专项报告报本级政府",
        TaskKind.SPECIAL,
        9,
        30,
        f"{SEED_002}(四)：2024年9月底前组织开展整治情况专项监督；(十四)每年至少组织开展一次专项监督",
        own=True,
    ),
    Milestone(
        "assess_list",
        "考核节点：政府门户网站公示《行政执法事项清单》",
        TaskKind.KEY,
        9,
        30,
        f"{SEED_003}五：9月30日前，政府门户网站统一公示《行政执法事项清单》",
    ),
    Milestone(
        "e_monitoring",
        "完成执法类电子技术监控设备清理和规范",
        TaskKind.SPECIAL,
        10,
        15,
        f"{SEED_001}二(五)17：在10月15日前完成执法类电子技术监控设备清理和规范工作，清理结果抄送同级司法行政部门",
    ),
    Milestone(
        "fines_rectification",
        "完成涉企乱罚款专项整治",
        TaskKind.SPECIAL,
        10,
        20,
        f"{SEED_001}二(五)15：10月20日前完成整治工作",
    ),
    Milestone(
        "delegation_rectification",
        "完成职权下放“重放轻管”问题专项整治",
        TaskKind.SPECIAL,
        10,
        20,
        f"{SEED_001}二(五)16：10月20日前完成整治工作",
    ),
    Milestone(
        "self_check",
        "报送“三项制度”工作自查总结",
        TaskKind.DAILY,
        10,
        31,
        f"{SEED_003}五(四)：组织自查，并于10月底前将“三项制度”工作总结报县司法局",
    ),
    Milestone(
        "special_nov",
        "报送专项整治及“回头看”情况（下半年）",
        TaskKind.SPECIAL,
        11,
        30,
        f"{SEED_001}二(五)14：于5月底和11月底前将专项整治及组织“回头看”情况报送司法局汇总",
    ),
    Milestone(
        "assess_decisions",
        "考核节点：公开行政执法决定信息",
        TaskKind.KEY,
        11,
        30,
        f"{SEED_003}五：11月30日前，各行政执法机关要公开行政执法决定信息",
    ),
    Milestone(
        "item_catalogue",
        "编制公布本部门行政执法事项目录",
        TaskKind.DAILY,
        11,
        30,
        f"{SEED_002}：各级行政执法机关于2024年11月底前编制公布本部门行政执法事项目录",
    ),
)

BY_KEY = {m.key: m for m in MILESTONES}
