"""A copy of everything held about a person (issue 15): asked for, built off the request path, downloaded."""
