"""Metrics (Prometheus) and tracing (OpenTelemetry) shared by the adapters."""
