"""REST endpoints of regions (views.py), routed by urls.py."""
