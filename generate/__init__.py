"""generate: tailored policy wordings and comparison documents (DOCX via Jinja2 and python-docx).

Nothing is exported yet: generation arrives with its own issue.
"""

__all__: list[str] = []
