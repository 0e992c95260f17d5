"""Pages of the training app, one module per part (trainings, sessions, participants, results,
certificates, follow_ups, curriculum), routed in urls.py; common.py holds what they share."""
