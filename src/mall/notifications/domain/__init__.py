"""The notifications domain: what a notification is and what it says."""
