"""Pages of the registry (执法主体与人员). Views are thin: they read through registry.selectors, write
through registry.services, and scope every object through zhifa.core.access."""
