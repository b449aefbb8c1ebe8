"""The one composition root: settings, dependency-injector containers, app factory and CLI."""
