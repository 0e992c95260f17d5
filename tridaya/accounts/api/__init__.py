"""REST endpoints of accounts, routed by urls.py."""
