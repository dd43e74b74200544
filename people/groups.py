"""Wagtail's two groups of the admin, under their Vietnamese names.

Wagtail's migrations create them as "Editors" (trainers: write and submit course pages, questions)
and "Moderators" (review and publish); people's migration ``0005_vietnamese_group_names`` renames
the rows, keeping their permissions and members. Code names them only through these constants.
"""

EDITORS_GROUP = "Biên tập viên"
MODERATORS_GROUP = "Người duyệt"
