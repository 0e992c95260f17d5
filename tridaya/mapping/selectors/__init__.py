"""Reads of pemetaan swadaya, one module per sub-domain. A selector that finds nothing raises
`tridaya.core.errors.NotFound` (through `tridaya.core.selectors.one_of`; pages and the API turn it
into 404), never Http404."""
