"""The permissions of the equipment register, named once for services, pages and API."""

VIEW = "equipment.view_device"
MANAGE = "equipment.manage_device"
VIEW_SURVEY = "equipment.view_survey"
MANAGE_STANDARD = "equipment.manage_standard"
VIEW_STANDARD = "equipment.view_equipmentstandard"
LINK = "equipment.add_recordingdevice"
VIEW_EVIDENCE = "cases.view_evidence"
