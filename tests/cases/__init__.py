"""Tests of the case-log privacy gate."""
