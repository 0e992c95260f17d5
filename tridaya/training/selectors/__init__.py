"""Reads of the training app, one module per part: trainings, participants, results,
certificates, follow_ups, curriculum. Each read runs a fixed number of queries whatever the number
of trainings, sessions, participants, scores or villages."""
