"""Pages of 法制审核 (review.py, under /review/). Views are thin: forms → review.services, reads through
review.selectors, every object scoped through zhifa.core.access."""
