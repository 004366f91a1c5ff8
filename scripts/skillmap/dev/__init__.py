"""Developer tools: synthetic catalogues, benchmarks and the generated documentation.

Run as `python -m skillmap.dev.<tool>`. The product (the `skillmap` command, the checks, the site)
never imports this package; tests/test_architecture.py holds it so.
"""
