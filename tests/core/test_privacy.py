from zhifa.core.privacy import mask_id_number, mask_phone


def test_an_id_number_keeps_only_its_last_four():
    assert mask_id_number("110105198503151234") == "**************1234"
    assert mask_id_number("") == ""


def test_a_phone_keeps_the_prefix_and_the_last_four():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("010-87654321") == "010*****4321"
    assert mask_phone("1234567") == "*******"
