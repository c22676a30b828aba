"""HTTP plumbing shared by every feature: endpoint registry, request parsing, errors, OpenAPI."""
