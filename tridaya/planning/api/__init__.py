"""REST endpoints of participatory planning, one module per part."""
