"""Operations on programme materials (slides, documents and links on a gathering or programme item).

The upload itself is checked by the caller with the homework upload checks (``homework.uploads``,
a higher layer this app may not import); these functions take the checked file (any object with
``upload``, ``name``, ``file_type``, ``content_type``, ``size``, ``sha256`` and ``extension``) and
guard the rest: the programme item belongs to the gathering, a material is a file or a link,
publishing is logged. Each runs in one transaction and writes the activity log.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import access
from cohorts.activity import record

from .models import Gathering, Material, MaterialKind, MaterialStatus, ProgrammeItem


class MaterialError(ValidationError):
    """A change to a material was refused."""


class CheckedFile(Protocol):
    upload: object
    name: str
    file_type: str
    content_type: str
    size: int
    sha256: str

    @property
    def extension(self) -> str: ...


def _check_item(gathering: Gathering, item: ProgrammeItem | None) -> None:
    if item is not None and item.gathering_id != gathering.pk:
        raise MaterialError(_("The programme item belongs to another gathering."), code="item")


def _attach(material: Material, checked: CheckedFile) -> None:
    material._storage_ext = checked.extension
    material.stored.save(checked.name, checked.upload, save=False)
    material.file_name = checked.name
    material.file_type = checked.file_type
    material.content_type = checked.content_type
    material.size = checked.size
    material.sha256 = checked.sha256


def _log(actor, verb: str, description: str, material: Material) -> None:
    record(actor, verb, description, target=material, cohort=material.gathering.cohort)


@transaction.atomic
def create_material(
    gathering: Gathering,
    *,
    actor,
    title: str,
    kind: str,
    programme_item: ProgrammeItem | None = None,
    description: str = "",
    url: str = "",
    checked: CheckedFile | None = None,
    for_alumni: bool = False,
) -> Material:
    """Course staff add a material as a draft. A file material needs ``checked``; a link needs ``url``."""
    access.require_staff(actor)
    _check_item(gathering, programme_item)
    material = Material(
        gathering=gathering,
        programme_item=programme_item,
        title=title,
        description=description,
        kind=kind,
        for_alumni=for_alumni,
        created_by=actor,
    )
    if kind == MaterialKind.FILE:
        if checked is None:
            raise MaterialError(_("Choose a file to upload."), code="missing")
        _attach(material, checked)
    else:
        if not url:
            raise MaterialError(_("Give the link's address."), code="url")
        material.url = url
    material.save()
    _log(actor, "material.created", _("Added the material “%(t)s”") % {"t": material.title}, material)
    return material


@transaction.atomic
def update_material(
    material: Material,
    *,
    actor,
    title: str,
    programme_item: ProgrammeItem | None,
    description: str = "",
    url: str = "",
    checked: CheckedFile | None = None,
    for_alumni: bool = False,
) -> Material:
    """Change a material's details; a new file replaces the stored one (the old file is removed
    once the change is committed). Course staff only."""
    access.require_staff(actor)
    material = Material.objects.select_for_update().select_related("gathering__cohort").get(pk=material.pk)
    _check_item(material.gathering, programme_item)
    old_file = material.stored.name if checked is not None else ""
    material.title, material.description = title, description
    material.programme_item, material.for_alumni = programme_item, for_alumni
    if material.kind == MaterialKind.LINK:
        if not url:
            raise MaterialError(_("Give the link's address."), code="url")
        material.url = url
    elif checked is not None:
        _attach(material, checked)
    material.save()
    if old_file:
        storage = material.stored.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    _log(actor, "material.updated", _("Changed the material “%(t)s”") % {"t": material.title}, material)
    return material


@transaction.atomic
def publish_material(material: Material, *, actor, publish: bool = True) -> Material:
    access.require_staff(actor)
    material = Material.objects.select_for_update().select_related("gathering__cohort").get(pk=material.pk)
    if publish == material.is_published:
        return material
    material.status = MaterialStatus.PUBLISHED if publish else MaterialStatus.DRAFT
    material.published_at = timezone.now() if publish else None
    material.save(update_fields=["status", "published_at", "updated_at"])
    _log(
        actor,
        "material.published" if publish else "material.unpublished",
        (_("Published the material “%(t)s”") if publish else _("Made the material “%(t)s” a draft again"))
        % {"t": material.title},
        material,
    )
    return material


@transaction.atomic
def delete_material(material: Material, *, actor) -> None:
    access.require_staff(actor)
    material = Material.objects.select_for_update().select_related("gathering__cohort").get(pk=material.pk)
    _log(actor, "material.deleted", _("Removed the material “%(t)s”") % {"t": material.title}, material)
    name, storage = material.stored.name, material.stored.storage
    material.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
