from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    """The knowledge bank: case stories and one search over what the programme's cohorts shared.

    A composition layer: it reads gatherings, homework, evaluations and cohorts; none of them import
    it. It keeps its search index fresh by listening to their ``post_save`` signals."""

    name = "omdomme.knowledge"
    label = "knowledge"
    verbose_name = "Kunnskapsbank"

    def ready(self) -> None:
        from omdomme.core import extensions

        from . import demo, load, navigation, signals

        signals.connect()
        extensions.menu.register(navigation.menu)
        extensions.demo_seeders.register(demo.seed)
        extensions.load_seeders.register(load.load)
