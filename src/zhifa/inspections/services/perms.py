"""The permission strings of the app (declared in the models' Meta, granted in apps.py)."""

MANAGE_SUBJECT = "inspections.manage_subject"
MANAGE_PLAN = "inspections.manage_plan"
INSPECT = "inspections.inspect"
APPROVE = "inspections.approve_priorreport"
VIEW_PLAN = "inspections.view_plan"
VIEW_SUBJECT = "inspections.view_subject"
