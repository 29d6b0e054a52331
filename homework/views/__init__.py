from .assignments import (
    assignment_copy,
    assignment_create,
    assignment_detail,
    assignment_edit,
    assignment_list,
    assignment_move,
    assignment_publish,
    index,
    method_set_create,
)
from .course import (
    assignment_submissions,
    assignment_zip,
    extension_grant,
    extension_revoke,
    gallery,
    gallery_detail,
    progress,
)
from .submissions import (
    feedback_add,
    feedback_download,
    file_download,
    file_remove,
    file_replace,
    file_upload,
    submission_approve,
    submission_detail,
    submission_return,
    submission_share,
    submission_start,
    submission_submit,
    submission_text,
    submission_unshare,
    version_download,
)

__all__ = [
    "assignment_copy", "assignment_create", "assignment_detail", "assignment_edit", "assignment_list",
    "assignment_move", "assignment_publish", "assignment_submissions", "assignment_zip", "extension_grant",
    "extension_revoke", "feedback_add", "feedback_download", "file_download", "file_remove", "file_replace",
    "file_upload", "gallery", "gallery_detail", "index", "method_set_create", "progress", "submission_approve",
    "submission_detail", "submission_return", "submission_share", "submission_start", "submission_submit",
    "submission_text", "submission_unshare", "version_download",
]
