"""REST endpoints of the training app, under /api/v1/, one module per part (trainings.py,
sessions.py, participants.py, results.py, certificates.py, follow_ups.py, curriculum.py), routed
in urls.py.

Curricula, trainings (their modules, sessions, counts of participants, average scores), the
follow-up plan, a village's capacity map (counts), the roll-up of a region and the check of a
certificate's verification code are public, like the pages. Each participant's attendance,
scores and completion (`trainings/<id>/results/`) and the names on the capacity map need
`training.view_participants`. Writes need `training.manage` over the training or region (401
anonymous, 404 outside the user's regions, 403 inside them without the role); reopening a closed
training needs `training.reopen`, revoking a certificate `training.revoke_certificate`. One API
class per operation, each with its own serializers."""
