"""The public site: records → Markdown pages and assets → an engine (site/engines.py) → a static site."""
