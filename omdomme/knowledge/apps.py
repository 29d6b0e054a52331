from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    """The knowledge bank: case stories and one search over what the programme's cohorts shared.

    A composition layer: it reads gatherings, homework, evaluations and cohorts; none of them import
    it. It keeps its search index fresh by listening to their ``post_save`` signals."""

    name = "omdomme.knowledge"
    label = "knowledge"
    verbose_name = "Kunnskapsbank"

    def ready(self) -> None:
        from . import signals

        signals.connect()
