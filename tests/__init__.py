"""tiaokuan test suite."""
