from django.core.management.base import BaseCommand, CommandError

from omdomme.packs.services import media_path, pack_inputs, pack_organisations, render_pack
from sessions.models import Gathering


class Command(BaseCommand):
    help = "Render the participant pack of every enrolled organisation for a gathering; print the files' paths."

    def add_arguments(self, parser):
        parser.add_argument("--gathering", type=int, required=True, help="The gathering's id.")

    def handle(self, *args, gathering: int, **options):
        found = Gathering.objects.select_related("cohort").filter(pk=gathering).first()
        if found is None:
            raise CommandError(f"No gathering with id {gathering}.")
        organisations = pack_organisations(found)
        if not organisations:
            raise CommandError("No organisations are enrolled in this gathering's cohort.")
        inputs = pack_inputs(found, organisations)
        for organisation in organisations:
            pack = render_pack(found, organisation, inputs=inputs)
            self.stdout.write(media_path(pack))
