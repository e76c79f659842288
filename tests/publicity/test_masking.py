"""mask_personal_data removes ID numbers, phones, bank cards and e-mails, and keeps amounts, dates,
document numbers and credit codes; no public page or feed entry ever shows a valid ID or mobile."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.publicity.conftest import CREDIT_CODE, PERSON_ID, published
from zhifa.core.validators import credit_code_with_check, id_number_with_check, is_id_number
from zhifa.publicity.masking import mask_name, mask_personal_data

MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
# Record hashes are hex: about one SHA-256 digest in three hundred holds eleven digits that read as a mobile.
DIGEST = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")


def contains_valid_id(text: str) -> bool:
    """Any 18-character window that is a valid ID number (check digit, birth date, region ever assigned)."""
    return any(is_id_number(m.group(1).upper()) for m in re.finditer(r"(?=([0-9]{17}[0-9Xx]))", text))


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        (f"身份证号{PERSON_ID}。", PERSON_ID),
        ("旧身份证110101900101123。", "110101900101123"),
        ("手机13912345678联系", "13912345678"),
        ("手机 139-1234-5678", "1234-5678"),
        ("+86 139 1234 5678", "1234 5678"),
        ("电话010-87654321", "87654321"),
        ("电话（0411）88886666转123", "88886666"),
        ("联系电话：8765432", "8765432"),
        ("银行卡6222021234567890123", "6222021234567890123"),
        ("邮箱 wang.xm@example.com.cn", "example"),
    ],
)
def test_removes_personal_data(text, gone):
    assert gone not in mask_personal_data(text)


@pytest.mark.parametrize(
    "kept",
    [
        "罚款70000元",
        "罚款1,234,567.89元",
        "2026-03-20",
        "2026年3月20日",
        "东市监罚〔2026〕12号",
        f"统一社会信用代码{CREDIT_CODE}",
        "货值金额3000元，违法所得12345678元",
    ],
)
def test_keeps_amounts_dates_numbers_and_credit_codes(kept):
    assert mask_personal_data(kept) == kept


def test_full_width_digits_are_digits_too():
    full_width = PERSON_ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert PERSON_ID not in mask_personal_data(f"身份证{full_width}")


@pytest.mark.parametrize(
    ("name", "masked"), [("张伟", "张某某"), ("王小明", "王某某"), ("欧阳娜娜", "欧阳某某")]
)
def test_names_keep_only_the_surname(name, masked):
    assert mask_name(name) == masked


ids = (
    st.text("0123456789", min_size=17, max_size=17)
    .filter(lambda s: s[0] != "0")
    .map(lambda s: id_number_with_check(s[:6] + "19900101" + s[9:]))
)
mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
texts = st.lists(st.one_of(ids, mobiles, noise), min_size=1, max_size=8).map("".join)
# What a form accepts: control characters are refused before anything is stored (core.hygiene).
storable_noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
storable_texts = (
    st.lists(st.one_of(ids, mobiles, storable_noise), min_size=1, max_size=8).map("".join).filter(str.strip)
)


@given(texts)
@settings(max_examples=300)
def test_property_no_valid_id_or_mobile_survives(text):
    masked = mask_personal_data(text)
    assert not contains_valid_id(masked)
    assert not MOBILE.search(masked)


@pytest.mark.django_db
@given(summary=storable_texts, name=st.text("张王李赵欧阳明华伟", min_size=2, max_size=4))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_property_public_pages_and_feed_show_no_id_or_mobile(client, agencies, summary, name):
    d = published(
        agencies["east_market"],
        subject_kind="person",
        subject_name=name,
        summary=summary,
        conclusion=summary or "准予",
    )
    for url in (f"/gs/decisions/{d.pk}/", "/gs/decisions/", "/gs/feed.json", "/gs/feed.csv"):
        body = DIGEST.sub("", client.get(url).content.decode())
        assert not contains_valid_id(body), url
        assert not MOBILE.search(body), url
    assert d.subject_name == mask_name(name) and d.subject_name.endswith("某某")


# Credit codes from real registers (valid check characters, mostly digits): the landline pattern used
# to eat "0108551385" out of the first one.
REAL_CREDIT_CODES = [
    "91110108551385082Q",
    "91441900617741552B",
    "913301007125832493",
    "91440300192222545U",
    "91370200163562681G",
]


@pytest.mark.parametrize("code", REAL_CREDIT_CODES)
def test_real_credit_codes_stay_whole_beside_personal_data(code):
    text = f"当事人统一社会信用代码{code}，联系电话010-87654321，负责人身份证320102198001011238，罚款5000元。"
    assert mask_personal_data(text) == (
        f"当事人统一社会信用代码{code}，联系电话＊＊＊，负责人身份证＊＊＊，罚款5000元。"
    )


@st.composite
def credit_codes(draw):
    """统一社会信用代码 in the common shape: 9 + category + 6-digit region + 9-character 组织机构代码,
    mostly digits, with a valid check character."""
    category = draw(st.sampled_from("123"))
    region = draw(st.from_regex(r"[1-6][0-9]{5}", fullmatch=True))
    organisation = draw(st.from_regex(r"[0-9]{8}[0-9A-HJ-NPQRTUWXY]", fullmatch=True))
    return credit_code_with_check(f"9{category}{region}{organisation}")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(code=credit_codes(), prefix=st.sampled_from(["统一社会信用代码", "信用代码：", "（", " "]))
def test_any_valid_credit_code_is_kept(code, prefix):
    if is_id_number(code):  # an 18-digit run that is also a valid ID number is removed, by design
        return
    assert mask_personal_data(f"{prefix}{code}，罚款3000元") == f"{prefix}{code}，罚款3000元"


@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("罚款５０００元", "罚款5000元"),  # full-width digits are digits
        ("号码１３８１２３４５６７８。", "号码＊＊＊。"),
        ("编号12345678901", "编号12345678901"),  # eleven digits, but no mobile in them
        ("联系电话：6612345", "联系电话：＊＊＊"),  # a local number after a contact label
        (
            "统一社会信用代码911101010000000002",
            "统一社会信用代码911101010000000002",
        ),  # all digits, still public
        ("", ""),
    ],
)
def test_what_is_kept_and_what_goes(text, public):
    assert mask_personal_data(text) == public


@pytest.mark.parametrize("name", ["", "  ", None])
def test_no_name_is_no_masked_name(name):
    assert mask_name(name) == ""
