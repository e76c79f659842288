"""执法监督 in the admin (系统管理): every model of plans, actions and campaigns, and the main models of problems and accountability, is listed under 执法监督 with
its Chinese name, read-only (no add, change or delete), and its pages label every field in Chinese."""

import re

import pytest
from django.contrib import admin

from tests.helpers import html
from zhifa.supervision.models import SupervisionItem

pytestmark = pytest.mark.django_db

NAMES = [
    "监督计划", "监督计划任务", "工作台账", "台账报送", "督办事项", "督办进展", "督办延期",
    "监督事项", "监督发现的问题", "监督文书", "整改答复", "整改材料", "监督升级措施",
    "评查标准", "评查标准版本", "评查项目", "案卷评查活动", "评查案卷", "评查评分", "评查项目得分",
    "突出问题", "整改任务", "电子技术监控设备", "责任追究案件",
]  # fmt: skip


def test_every_supervision_model_is_registered_read_only():
    registered = {
        model._meta.verbose_name: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "supervision"
    }
    assert sorted(registered) == sorted(NAMES)
    for model_admin in registered.values():
        assert not model_admin.has_add_permission(None)
        assert not model_admin.has_change_permission(None)
        assert not model_admin.has_delete_permission(None)


def test_the_admin_pages_show_chinese_names_and_labels(admin_client, item, finding, notice):
    index = html(admin_client.get("/admin/supervision/"))
    assert "执法监督" in index and all(name in index for name in NAMES)
    for model in admin.site._registry:
        if model._meta.app_label == "supervision":
            url = f"/admin/supervision/{model._meta.model_name}/"
            assert admin_client.get(url).status_code == 200, url
    page = html(admin_client.get(f"/admin/supervision/supervisionitem/{item.pk}/change/"))
    assert "行政执法监督通知书" in page and "来源评查案卷" in page
    labels = re.findall(r"<label[^>]*>([^<]*)</label>", page)
    assert [label for label in labels if re.search(r"[A-Za-z]{2,}", label)] == []
    assert SupervisionItem.objects.count() == 1
