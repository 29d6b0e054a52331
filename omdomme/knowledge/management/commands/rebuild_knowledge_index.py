from django.core.management.base import BaseCommand

from omdomme.knowledge.indexing import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the knowledge bank's search index: extract the text of every published or shared item again."

    def handle(self, *args, **options):
        count = rebuild_index(progress=lambda n: self.stdout.write(f"… {n} items"))
        self.stdout.write(self.style.SUCCESS(f"The knowledge index holds {count} items."))
