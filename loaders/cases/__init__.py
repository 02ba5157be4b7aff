"""Case event logs: the privacy gate that every case-log path goes through (issue 12)."""
