"""The progress ledger and the activity feed: the bottom layer every learning app writes into.

Lessons, the sandbox, quizzes and live sessions record what each official did (``ProgressEntry``,
through ``progress.services.progress_record``) and where each official is right now
(``OfficialActivity``, through ``progress.activity.activity_report``). The apps above that care about
a change (course completion, the live board, the dashboards) register a listener in
``progress.registry`` from their ``AppConfig.ready()``: this app imports none of them.
"""
