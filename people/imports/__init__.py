"""Bulk import of officials from CSV or XLSX files.

``files`` checks an upload and reads its rows, ``rows`` validates every row and plans the accounts to
create, ``messages`` words each problem in the reader's language, ``report`` writes the error report.
``people.services`` runs a whole import (``import_job_run``) and writes the accounts in one transaction.
"""
