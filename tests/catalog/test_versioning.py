"""Versioned catalogue: drafts, immutable published versions, the diff, the version in force."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.catalog.conftest import FOOD_BASIS, item_fields
from tests.catalog.helpers import submit_and_approve
from zhifa.accounts.choices import RoleCode
from zhifa.catalog import selectors, services
from zhifa.catalog.models import CatalogVersion, EnforcementItem, LegalBasis
from zhifa.catalog.models.immutable import PublishedVersionError
from zhifa.core import records
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db


class TestDraft:
    def test_one_draft_per_agency(self, agencies, draft):
        assert services.draft_open(actor=None, agency=agencies["east_market"]) == draft

    def test_an_item_needs_a_legal_basis(self, draft):
        with pytest.raises(ValidationError, match="设定依据"):
            services.item_create(actor=None, draft=draft, code="X-1", legal_bases=[], **item_fields())
        assert not EnforcementItem.objects.exists()

    def test_duplicate_codes_are_refused(self, draft, food_item):
        with pytest.raises(ValidationError) as exc:
            services.item_create(
                actor=None, draft=draft, code=food_item.code, legal_bases=[FOOD_BASIS], **item_fields()
            )
        assert "code" in exc.value.message_dict

    def test_bad_statutory_range_is_refused(self, draft):
        bad = FOOD_BASIS.__class__(**{**vars(FOOD_BASIS), "statutory_min": 200000})
        with pytest.raises(ValidationError, match="下限不能高于上限"):
            services.item_create(actor=None, draft=draft, code="X-2", legal_bases=[bad], **item_fields())

    def test_only_catalogue_managers_edit(self, agencies, make_user, draft):
        officer = make_user(agencies["east_market"], RoleCode.OFFICER)
        with pytest.raises(PermissionDenied):
            services.item_create(
                actor=officer, draft=draft, code="X-3", legal_bases=[FOOD_BASIS], **item_fields()
            )
        other_head = make_user(agencies["west_market"], RoleCode.AGENCY_HEAD)
        with pytest.raises(PermissionDenied):
            services.item_create(
                actor=other_head, draft=draft, code="X-3", legal_bases=[FOOD_BASIS], **item_fields()
            )


class TestPublishing:
    def test_publish_freezes_the_version(self, published, food_item):
        food_item.refresh_from_db()
        food_item.name = "改名"
        with pytest.raises(PublishedVersionError):
            food_item.save()
        with pytest.raises(PublishedVersionError):
            EnforcementItem.objects.filter(pk=food_item.pk).update(name="改名")
        with pytest.raises(PublishedVersionError):
            LegalBasis.objects.filter(item=food_item).delete()
        with pytest.raises(PublishedVersionError):
            published.delete()
        with pytest.raises(ValidationError, match="已发布"):
            services.item_save(
                actor=None, draft=published, code=food_item.code, legal_bases=[FOOD_BASIS], **item_fields()
            )
        assert EnforcementItem.objects.get(pk=food_item.pk).name == "销售不符合食品安全标准的食品"

    def test_publish_needs_a_reason_and_records_it(self, draft, food_item):
        with pytest.raises(ValidationError):
            submit_and_approve(actor=None, draft=draft, reason="")
        version = submit_and_approve(
            actor=None, draft=draft, reason="initial", effective_from=date(2026, 1, 1)
        )
        record = Record.objects.for_subject(version).get(action="catalog.publish")
        assert version.content_hash in record.payload
        assert version.diff["added"] == [{"code": "SCJG-CF-001", "name": "销售不符合食品安全标准的食品"}]
        assert records.verify().ok

    def test_the_next_draft_copies_and_the_diff_lists_added_changed_removed(self, agencies, published):
        draft = services.draft_open(actor=None, agency=agencies["east_market"])
        assert draft.number == 2
        copy = draft.items.get()
        assert copy.pk != published.items.get().pk and copy.benchmark.levels.count() == 3
        services.item_save(
            actor=None,
            draft=draft,
            code="SCJG-CF-001",
            legal_bases=[FOOD_BASIS],
            **item_fields(name="销售不合格食品"),
        )
        services.item_create(
            actor=None,
            draft=draft,
            code="SCJG-JC-001",
            legal_bases=[FOOD_BASIS],
            **item_fields(category="inspection", name="食品经营日常检查"),
        )
        second = submit_and_approve(
            actor=None, draft=draft, reason="amended", effective_from=date(2026, 7, 1)
        )
        assert [a["code"] for a in second.diff["added"]] == ["SCJG-JC-001"]
        assert second.diff["changed"][0]["code"] == "SCJG-CF-001"
        assert second.diff["changed"][0]["parts"] == ["name"]  # same clause: the benchmark is kept
        third_draft = services.draft_open(actor=None, agency=agencies["east_market"])
        services.item_remove(actor=None, draft=third_draft, code="SCJG-JC-001")
        third = submit_and_approve(
            actor=None, draft=third_draft, reason="repealed", effective_from=date(2026, 9, 1)
        )
        assert [r["code"] for r in third.diff["removed"]] == ["SCJG-JC-001"]

    def test_editing_an_item_keeps_its_benchmark_unless_the_clause_goes(self, agencies, published):
        draft = services.draft_open(actor=None, agency=agencies["east_market"])
        services.item_save(
            actor=None,
            draft=draft,
            code="SCJG-CF-001",
            legal_bases=[FOOD_BASIS],
            **item_fields(name="新名称"),
        )
        assert draft.items.get().benchmark.levels.count() == 3
        other = FOOD_BASIS.__class__(**{**vars(FOOD_BASIS), "article": "第一百二十五条"})
        services.item_save(actor=None, draft=draft, code="SCJG-CF-001", legal_bases=[other], **item_fields())
        assert not hasattr(draft.items.get(), "benchmark")

    def test_narrowing_the_statutory_range_below_the_benchmark_is_refused(self, agencies, published):
        draft = services.draft_open(actor=None, agency=agencies["east_market"])
        narrower = FOOD_BASIS.__class__(**{**vars(FOOD_BASIS), "statutory_max": 90000})
        with pytest.raises(ValidationError, match="超出法定上限"):
            services.item_save(
                actor=None, draft=draft, code="SCJG-CF-001", legal_bases=[narrower], **item_fields()
            )

    def test_unchanged_draft_is_not_published_again(self, agencies, published):
        draft = services.draft_open(actor=None, agency=agencies["east_market"])
        with pytest.raises(ValidationError, match="相同"):
            submit_and_approve(actor=None, draft=draft, reason="amended")

    def test_old_versions_stay_readable_and_the_version_in_force_follows_the_date(self, agencies, published):
        draft = services.draft_open(actor=None, agency=agencies["east_market"])
        services.item_save(
            actor=None,
            draft=draft,
            code="SCJG-CF-001",
            legal_bases=[FOOD_BASIS],
            **item_fields(name="新名称"),
        )
        submit_and_approve(actor=None, draft=draft, reason="amended", effective_from=date(2026, 7, 1))
        agency = agencies["east_market"]
        assert (
            selectors.item_in_force(agency, "SCJG-CF-001", date(2026, 6, 30)).name
            == "销售不符合食品安全标准的食品"
        )
        assert selectors.item_in_force(agency, "SCJG-CF-001", date(2026, 7, 1)).name == "新名称"
        assert selectors.version_in_force(agency, date(2025, 12, 31)) is None
        assert CatalogVersion.objects.filter(agency=agency, status="published").count() == 2

    def test_content_hash_is_reproducible(self, published):
        from zhifa.catalog import versioning

        assert versioning.content_hash(versioning.snapshot(published)) == published.content_hash


class TestDerivedLists:
    def test_flags_derive_the_lists(self, draft):
        services.item_create(
            actor=None,
            draft=draft,
            code="A-1",
            legal_bases=[FOOD_BASIS],
            **item_fields(
                is_random_inspection=True,
                category="inspection",
                inspection_object="食品经营者",
                inspection_method="现场检查",
            ),
        )
        services.item_create(
            actor=None,
            draft=draft,
            code="A-2",
            legal_bases=[FOOD_BASIS],
            **item_fields(needs_legal_review=True, major_on_revocation=True),
        )
        services.item_create(
            actor=None,
            draft=draft,
            code="A-3",
            legal_bases=[FOOD_BASIS],
            **item_fields(av_steps=["on_site", "seizure"], is_supervision=True),
        )

        def codes(name):
            return [i.code for i in selectors.items_of_list(draft, name)]

        assert codes("random") == ["A-1"]
        assert codes("legal_review") == ["A-2"]
        assert codes("av") == ["A-3"]
        assert codes("supervision") == ["A-3"]
        assert codes("all") == ["A-1", "A-2", "A-3"]


class TestItemRules:
    @pytest.mark.parametrize(
        ("flags", "field"),
        [
            ({"is_random_inspection": True, "inspection_object": "食品经营者"}, "inspection_object"),
            ({"needs_legal_review": True}, "needs_legal_review"),
            ({"av_steps": ["on_site", "dance"]}, "av_steps"),
        ],
    )
    def test_flags_need_their_details(self, draft, flags, field):
        with pytest.raises(ValidationError) as exc:
            services.item_create(
                actor=None, draft=draft, code="R-1", legal_bases=[FOOD_BASIS], **item_fields(**flags)
            )
        assert field in exc.value.message_dict
        assert not EnforcementItem.objects.filter(code="R-1").exists()

    def test_publish_reason_must_be_a_known_one(self, draft, food_item):
        with pytest.raises(ValidationError, match="调整原因"):
            submit_and_approve(actor=None, draft=draft, reason="because")
