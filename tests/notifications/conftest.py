"""Two users of 东区市场监督管理局 (the recipient and a colleague) and a helper writing messages to them."""

import pytest

from zhifa.accounts.choices import RoleCode
from zhifa.notifications import services
from zhifa.notifications.choices import MessageKind


@pytest.fixture
def recipient(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.OFFICER, username="east_recipient", real_name="张伟")


@pytest.fixture
def colleague(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.OFFICER, username="east_colleague", real_name="李娜")


def message(user, title="案件已指定您承办：销售过期食品", kind=MessageKind.ASSIGNED, link="/cases/1/", **kw):
    return services.notify([user], kind, title, kw.pop("body", "案件（未立案）"), link, **kw)[0]
