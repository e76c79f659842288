"""Pages of the cases app (案件办理). Views are thin: they read through cases.selectors, write through
cases.services, and scope every case through zhifa.core.access (another agency's case is a 404)."""
