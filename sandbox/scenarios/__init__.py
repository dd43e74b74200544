"""Practice scenarios: data (a goal, starting data, ordered steps checked against the event log, hints)
and the engine that starts, checks and finishes them. See docs/adding-a-scenario.md."""
