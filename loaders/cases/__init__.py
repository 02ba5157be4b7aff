"""Case event logs: reading, the activity mapping, the privacy guard, synthetic logs.

Case data is special-category personal data: every path in here passes the
privacy guard before any other code touches a value.
"""
