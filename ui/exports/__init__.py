"""Handouts and exports of the map and the case stories: SVG, PNG, PDF and offline HTML."""
