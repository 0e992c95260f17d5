"""REST endpoints of the cycle (views.py), routed by urls.py."""
