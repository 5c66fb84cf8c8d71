"""Running the site: background tasks and their retries, periodic jobs with heartbeats,
health checks and metrics for operators."""
