"""REST endpoints of pemetaan swadaya, one module per part (households.py, surveys.py,
problems.py, layers.py, slum.py), routed in tridaya/api_urls.py."""
