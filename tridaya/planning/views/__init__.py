"""Pages of planning: prioritisation, kawasan prioritas, RPLP and RTPLP, RAB and price lists. A
selector's NotFound answers 404 (tridaya.core.middleware.NotFoundMiddleware)."""
