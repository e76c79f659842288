"""Rows that belong to a published catalogue version can never change (seed 000 §3: a case refers to the
version in force when it was filed, so that version must stay as it was)."""

from django.db import models


class PublishedVersionError(Exception):
    """Something tried to change a published catalogue version."""

    message = "已发布的清单版本不能修改，请在草稿中修改后重新发布"


class DraftOnlyQuerySet(models.QuerySet):
    """Bulk update/delete refuse to touch rows of a published version."""

    version_path = "version"

    def _published(self):
        return self.filter(**{f"{self.model.version_path}__status": "published"})

    def update(self, **kwargs):
        if self._published().exists():
            raise PublishedVersionError(PublishedVersionError.message)
        return super().update(**kwargs)

    def delete(self):
        if self._published().exists():
            raise PublishedVersionError(PublishedVersionError.message)
        return super().delete()


class DraftOnlyModel(models.Model):
    """A row of a catalogue version: writable only while the version is a draft."""

    version_path = "version"

    objects = DraftOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_published()
        return super().delete(*args, **kwargs)

    def catalog_version(self):
        obj = self
        for part in self.version_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def _refuse_if_published(self):
        version = self.catalog_version()
        # Read the status from the database: a stale in-memory "draft" must not open a published version.
        if type(version).objects.filter(pk=version.pk, status="published").exists():
            raise PublishedVersionError(PublishedVersionError.message)
