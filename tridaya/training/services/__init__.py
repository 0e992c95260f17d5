"""Every write of the training app, one module per part: trainings, sessions, participants,
results, certificates, follow_ups, curriculum. Each service checks the policy (when an actor is
given), validates, writes and audits in one transaction."""
