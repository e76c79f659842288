"""The colour of a status label, by what it means to the person reading it, the same in every app:
grey a draft or something closed without effect, blue waiting or in progress, orange a warning (overdue,
suspended), green done or in force, red refused, returned or revoked.

Read from the Chinese label, not from each app's codes, so a new state machine gets sensible colours with
no table to extend; the order of the checks settles labels with two meanings ("未通过" is refused, not
"通过")."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TONES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "red",
        _words(
            "退回 驳回 不予 拒绝 拒收 撤销 撤回 作废 失败 注销 吊销 未通过 不通过 不合格 过期 失效 否决 不同意 不采纳 锁定 出错 错误"
        ),
    ),
    ("orange", _words("逾期 超期 暂停 中止 预警 临期 即将到期 整改 挂起 延期 异常 补正")),
    (
        "grey",
        _words(
            "草稿 未提交 待提交 未开始 未启动 编制中 已关闭 已取消 取消 停用 离职 未公布 已移出 已读 未对接"
        ),
    ),
    (
        "green",
        _words(
            "完成 办结 结案 通过 归档 有效 已发布 已公示 公开 生效 已确认 已反馈 已答复 已处理 已签收 已送达 已接收"
            " 已受理 同意 合格 成功 已执行 启用 在职 在库 正常 已作出 已决定 已评分 已核实 已采纳 已移送 已办理 已出具"
            " 已公布 已对接"
        ),
    ),
)


def status_tone(label: str) -> str:
    """ "grey", "blue", "orange", "green" or "red" for a status label shown to people."""
    for tone, words in TONES:
        if any(word in label for word in words):
            return tone
    return "blue"  # 待审核, 审核中, 办理中, 已立案...: waiting on someone or under way
