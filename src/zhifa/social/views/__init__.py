"""社会监督 pages (thin: forms → services; reads through selectors): register.py (监督员, 联系点),
feedback.py, surveys.py; shared.py holds what they share."""
