"""后台任务 fixtures: the immediate task backend (a task runs when enqueued, its signals sent), a 系统管理员
and a business user of 东区市场监督管理局."""

import pytest

from zhifa.accounts.choices import RoleCode


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sysadmin(agencies, make_user):
    return make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="sysadmin_t", real_name="郑强")


@pytest.fixture
def clerk(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.UNIT_HEAD, username="clerk_t", real_name="李娜")


@pytest.fixture
def other_clerk(agencies, make_user):
    return make_user(agencies["east_market"], RoleCode.UNIT_HEAD, username="clerk_u", real_name="王芳")
