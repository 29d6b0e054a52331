from .indicators import (  # noqa: F401
    indicator_create,
    indicator_list,
    measurement_delete,
    measurement_import,
    organisation_indicators,
)
from .results import (  # noqa: F401
    survey_compare,
    survey_export,
    survey_rates,
    survey_remind,
    survey_report,
    survey_report_download,
    survey_results,
)
from .surveys import (  # noqa: F401
    my_surveys,
    question_add,
    question_delete,
    question_edit,
    question_move,
    section_add,
    survey_answer,
    survey_copy,
    survey_create,
    survey_detail,
    survey_edit,
    survey_from_template,
    survey_list,
)
