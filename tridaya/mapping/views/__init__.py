"""Pages of pemetaan swadaya: households and surveys (households.py, surveys.py), problems and
potentials, the village map and layers (problems.py, layers.py), RT profiles and slum scores
(slum.py)."""
