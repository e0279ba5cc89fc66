"""HTTP plumbing every controller may use: cookies, parameters, problem+json, middleware, static files."""
