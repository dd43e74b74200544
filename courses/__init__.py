"""Hand-holding courses: Wagtail pages for courses and lessons, assignment, and the progress ledger."""
