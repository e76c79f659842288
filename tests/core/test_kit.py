"""core.kit: the moves every service makes — refuse, text, choice, locked, record, move, changes."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from zhifa.accounts.choices import RoleCode
from zhifa.core import kit, services
from zhifa.core.models import Agency, Record
from zhifa.registry import services as registry
from zhifa.registry.choices import BodyStatus

pytestmark = pytest.mark.django_db


def writes() -> tuple:
    return Record.objects.count(), list(Agency.objects.order_by("pk").values_list("name", "active"))


class TestRefuse:
    def test_raises_the_message_keyed_by_its_field(self):
        with pytest.raises(ValidationError) as refused:
            kit.refuse("year", "年度应在2000至2100之间")
        assert refused.value.message_dict == {"year": ["年度应在2000至2100之间"]}

    def test_a_refusal_of_the_whole_action(self):
        with pytest.raises(ValidationError) as refused:
            kit.refuse(kit.NON_FIELD, "该统计年报已公开")
        assert refused.value.message_dict == {"__all__": ["该统计年报已公开"]}


def refused(call) -> dict:
    with pytest.raises(ValidationError) as refusal:
        call()
    return refusal.value.message_dict


class TestTextAndChoice:
    def test_a_text_is_stripped_and_refused_in_the_fields_words(self):
        assert kit.text("  东湖执法记录仪 ", "model", "品牌型号", 10) == "东湖执法记录仪"
        assert kit.text(None, "note", "备注", 10, required=False) == ""
        assert refused(lambda: kit.text(" ", "model", "品牌型号", 10)) == {"model": ["请填写品牌型号"]}
        assert refused(lambda: kit.text("一" * 11, "model", "品牌型号", 10)) == {
            "model": ["品牌型号最多10个字"]
        }
        assert refused(lambda: kit.text("型\x00号", "model", "品牌型号", 10)) == {
            "model": ["“品牌型号”不能包含控制字符"]
        }
        assert kit.text("一" * 500, "note", "备注") == "一" * 500  # no limit given

    def test_a_choice_is_one_of_the_values(self):
        assert kit.choice("confirmed", BodyStatus, "status", "主体状态") == "confirmed"
        assert refused(lambda: kit.choice("", BodyStatus, "status", "主体状态")) == {
            "status": ["请选择主体状态"]
        }
        assert refused(lambda: kit.choice("gone", BodyStatus, "status", "主体状态")) == {
            "status": ["“主体状态”的取值无效"]
        }
        assert kit.choice("", BodyStatus, "status", "主体状态", blank=True) == ""


class TestLocked:
    def test_another_agencys_object_is_a_404_and_nothing_is_written(self, agencies, make_user):
        admin = make_user(agencies["east_justice"], RoleCode.SYSTEM_ADMIN)  # region scope: 东区 only
        before = writes()
        with pytest.raises(Http404):
            services.agency_update(actor=admin, agency=agencies["west_market"], name="改名")
        assert writes() == before

    def test_visible_without_the_permission_is_a_403(self, agencies, officer):
        with transaction.atomic(), pytest.raises(PermissionDenied):
            kit.locked(Agency, agencies["east_market"], actor=officer, perm="core.change_agency")

    def test_returns_the_fresh_row_for_whoever_may(self, agencies, make_user):
        admin = make_user(agencies["east_justice"], RoleCode.SYSTEM_ADMIN)
        stale = Agency.objects.get(pk=agencies["east_market"].pk)
        Agency.objects.filter(pk=stale.pk).update(name="东区市场监管局")
        with transaction.atomic():
            fresh = kit.locked(Agency, stale, actor=admin, perm="core.change_agency")
        assert fresh.name == "东区市场监管局"

    def test_the_system_may(self, agencies):
        with transaction.atomic():
            fresh = kit.locked(Agency, agencies["west_market"], actor=None, perm="core.change_agency")
        assert fresh.pk == agencies["west_market"].pk


class TestRecordAndMove:
    def test_record_appends_to_the_subjects_agency_chain(self, agencies, officer):
        record = kit.record(agencies["east_market"], "agency.note", actor=officer, payload={"note": "核对"})
        assert record.agency_id == agencies["east_market"].pk
        assert (record.action, record.actor_id) == ("agency.note", officer.pk)
        assert json.loads(record.payload) == {"note": "核对"}

    def test_move_saves_the_status_and_records_it(self, agencies):
        body = registry.body_register(actor=None, agency=agencies["east_market"], standing="statutory")
        before = Record.objects.count()
        record = kit.move(
            body, BodyStatus.REVOKED, actor=None, action="body.test_move", payload={"why": "测试"}
        )
        body.refresh_from_db()
        assert body.status == BodyStatus.REVOKED
        assert Record.objects.count() == before + 1
        assert record.action == "body.test_move"
        assert json.loads(record.payload) == {"status": "revoked", "why": "测试"}

    def test_changes_lists_each_changed_field_before_and_after_for_the_record(self, agencies):
        from datetime import date
        from types import SimpleNamespace

        device = SimpleNamespace(model="旧型号", number="A-1", acquired_on=date(2026, 1, 5), note="")
        values = {"model": "新型号", "number": "A-1", "acquired_on": date(2026, 2, 1), "note": ""}
        changed = kit.changes(device, values)
        assert changed == {"model": ["旧型号", "新型号"], "acquired_on": [date(2026, 1, 5), date(2026, 2, 1)]}
        record = kit.record(agencies["east_market"], "agency.note", actor=None, payload={"changed": changed})
        assert json.loads(record.payload) == {
            "changed": {"model": ["旧型号", "新型号"], "acquired_on": ["2026-01-05", "2026-02-01"]}
        }
        assert kit.changes(device, {"model": "旧型号"}) == {}
