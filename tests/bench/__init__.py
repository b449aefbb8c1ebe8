"""Measurements the lead runs by hand; they print figures and assert nothing."""
