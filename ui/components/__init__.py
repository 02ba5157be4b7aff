"""Browser components of the UI, with their JavaScript served from the package."""
