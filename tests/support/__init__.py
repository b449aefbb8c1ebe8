"""Test support: real servers, fresh databases, a running app."""
