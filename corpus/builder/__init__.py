"""Modules of the sample corpus builder (driven by ``corpus/build.py``)."""
