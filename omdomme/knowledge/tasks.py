from __future__ import annotations

import logging

from celery import shared_task

from . import indexing

logger = logging.getLogger(__name__)


@shared_task(name="knowledge.index_item", acks_late=True)
def index_item(*, kind: str, pk: int) -> None:
    """Refresh (or remove) one object's row in the knowledge bank's search index."""
    doc = indexing.reindex(kind, pk)
    logger.info("knowledge index: %s %s %s", kind, pk, "indexed" if doc else "removed")
