"""The Streamlit UI: a router (``streamlit_app.py``) and one file per page."""
