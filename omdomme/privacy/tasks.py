from celery import shared_task

from . import services


@shared_task(name="privacy.purge_expired_personal_data", ignore_result=True)
def purge_expired_personal_data_task() -> dict:
    """Daily: anonymise personal data of cohorts that ended more than PERSONAL_DATA_RETENTION_MONTHS ago."""
    report = services.purge_expired()
    return {"cohorts": report.cohorts, "people": report.people}
