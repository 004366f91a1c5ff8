"""The public site: records → Markdown pages and assets → mkdocs-material → a static site."""
