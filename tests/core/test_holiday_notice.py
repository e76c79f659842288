"""The notice reader gets every 放假 and 上班 day of real notices right: checked against the years
chinesecalendar already knows, day by day."""

from datetime import date

import chinese_calendar
import pytest

from zhifa.core.holiday_notice import NoticeError, parse_notice

NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2025年11月4日"""

NOTICE_2017 = """国务院办公厅关于2017年部分节假日安排的通知
国办发明电〔2016〕17号
经国务院批准，现将2017年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日放假，1月2日（星期一）补休。
二、春节：1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。
三、清明节：4月2日至4日放假调休，共3天。4月1日（星期六）上班。
四、劳动节：5月1日放假，与周末连休。
五、端午节：5月28日至30日放假调休，共3天。5月27日（星期六）上班。
六、中秋节、国庆节：10月1日至8日放假调休，共8天。9月30日（星期六）上班。
国务院办公厅
2016年12月1日"""

# The 2023 notice starts in the previous year.
NOTICE_2023_NEW_YEAR = """关于2023年部分节假日安排的通知
一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。"""


@pytest.mark.parametrize("notice", [NOTICE_2026, NOTICE_2017])
def test_every_day_agrees_with_chinesecalendar(notice):
    schedule = parse_notice(notice)
    for day in schedule.holidays:
        assert not chinese_calendar.is_workday(day), day
    for day in schedule.workdays:
        assert chinese_calendar.is_workday(day) and day.weekday() >= 5, day


def test_the_2026_notice_exactly():
    schedule = parse_notice(NOTICE_2026)
    assert schedule.year == 2026
    assert len(schedule.holidays) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert sorted(schedule.workdays) == [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ]
    assert schedule.holidays[date(2026, 2, 23)] == "春节"
    assert schedule.workdays[date(2026, 10, 10)] == "国庆节调休上班"


def test_make_up_day_off_and_single_days():
    schedule = parse_notice(NOTICE_2017)
    assert schedule.holidays[date(2017, 1, 2)] == "元旦补休"
    assert schedule.holidays[date(2017, 5, 1)] == "劳动节"
    assert date(2017, 5, 2) not in schedule.holidays
    spring = [d for d, name in schedule.holidays.items() if name == "春节"]
    assert (spring[0], spring[-1], len(spring)) == (date(2017, 1, 27), date(2017, 2, 2), 7)


def test_a_range_that_starts_in_the_previous_year():
    schedule = parse_notice(NOTICE_2023_NEW_YEAR)
    assert schedule.year == 2023
    assert [d for d, name in schedule.holidays.items() if name == "元旦"] == [
        date(2022, 12, 31),
        date(2023, 1, 1),
        date(2023, 1, 2),
    ]
    assert sorted(schedule.workdays) == [date(2023, 1, 28), date(2023, 1, 29)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "未能识别通知所属年份"),
        ("关于2027年部分节假日安排的通知。请各单位做好值班。", "未能从通知中识别出任何放假日期"),
        ("关于2027年部分节假日安排的通知\n一、元旦：2月30日放假。", "日期不存在：2027年2月30日"),
        ("关于2027年部分节假日安排的通知\n一、春节：2月15日至2月1日放假调休。", "“春节”的放假起止日期不正确"),
        (
            "关于2027年部分节假日安排的通知\n一、元旦：1月1日至3日放假。1月2日上班。",
            "以下日期既是放假又是上班：2027-01-02",
        ),
    ],
)
def test_what_is_not_a_notice_is_refused_with_the_reason(text, message):
    with pytest.raises(NoticeError) as refused:
        parse_notice(text)
    assert str(refused.value).startswith(message)
