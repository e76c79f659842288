"""Pages of the catalogue (执法事项清单与裁量基准). Views are thin: they read through catalog.selectors,
write through catalog.services, and scope every object through zhifa.core.access."""
