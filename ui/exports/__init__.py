"""Documents made from the library's results (the Doorbraakteam report)."""
