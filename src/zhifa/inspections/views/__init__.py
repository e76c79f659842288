"""Pages of 双随机、一公开 and 涉企检查: staff.py (signed-in staff, under /inspections/) and public.py (the
公示 pages under /gs/inspections/, no sign-in). Views are thin: they read through inspections.selectors,
write through inspections.services, and scope every object through zhifa.core.access."""
