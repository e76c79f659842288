"""Migration 0005 removes 经过听证为重大 (EnforcementItem.major_on_hearing) and keeps the content hash of a
version frozen with it verifiable: the values its items held move to the version's `retired_fields`,
which catalog.versioning.hashed_snapshot puts back; migrating back restores them to the items."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from zhifa.catalog import versioning
from zhifa.catalog.models import CatalogVersion

BEFORE = [("catalog", "0004_version_review")]
AFTER = [("catalog", "0005_remove_major_on_hearing")]


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_a_version_frozen_with_the_flag_still_verifies(published):
    code = published.items.get().code
    try:
        old = migrate(BEFORE)
        old.get_model("catalog", "EnforcementItem").objects.filter(version_id=published.pk).update(
            major_on_hearing=True
        )
        # the hash as computed before the removal: the snapshot had the flag for every item
        snap = versioning.snapshot(published)
        snap[code]["major_on_hearing"] = True
        frozen = versioning.content_hash(snap)
        old.get_model("catalog", "CatalogVersion").objects.filter(pk=published.pk).update(content_hash=frozen)

        migrate(AFTER)
        version = CatalogVersion.objects.get(pk=published.pk)
        assert version.retired_fields == {"major_on_hearing": {code: True}}
        assert versioning.hash_verifies(version)
        assert versioning.content_hash(versioning.snapshot(version)) != frozen  # without it, it would not

        back = migrate(BEFORE)
        item = back.get_model("catalog", "EnforcementItem").objects.get(version_id=published.pk)
        assert item.major_on_hearing is True
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_a_version_published_after_the_removal_hashes_without_retired_fields(published):
    assert published.retired_fields == {}
    assert versioning.hash_verifies(published)


def test_a_diff_stored_before_the_removal_still_names_the_part_in_chinese():
    from zhifa.catalog.views import _common, public

    label = "经过听证为重大（已删除，见行政处罚法第五十八条）"
    assert _common.part_label("major_on_hearing") == public.PART_LABELS["major_on_hearing"] == label
