"""The wiring between HTTP and the domains: request dependencies, health and metrics endpoints."""
