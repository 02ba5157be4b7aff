"""Documents and handouts made from the library's results: the map and the case stories (SVG, PNG, PDF,
offline HTML) and the Doorbraakteam report (PDF, DOCX)."""
