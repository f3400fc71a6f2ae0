"""compare: coverage and exclusion matrices, clause alignment and Word redlines.

Nothing is exported yet: comparison arrives with its own issue.
"""

__all__: list[str] = []
