"""Page scripts run only under Streamlit; doctest collection of ``ui`` skips them."""

collect_ignore_glob = ["app_pages/*.py", "streamlit_app.py"]
