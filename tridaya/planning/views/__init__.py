"""Pages of participatory planning: priorities.py and kawasan.py (PART 1), plans (PART 2)."""
