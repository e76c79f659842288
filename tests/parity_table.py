"""The parity table's index (tests/test_parity_table.py checks it against the running project): every write
of the API (POST/PUT/PATCH/DELETE in /api/openapi.json, by operation id) and every page that writes (by URL
name) is here, either as a pair of doors to the same service or as a door with no counterpart, with the
reason. A pair is covered by a `Door` (tests/parity.py) in an app's tests/<app>/test_parity.py naming the
operation, or is listed in NO_DOOR with the reason no parity row fits it."""

COMPLAINT_STEPS = ("accept", "close", "dispute", "extend", "handle", "merge", "open_case", "open_item",
                   "open_oversight", "redo", "reply", "settle", "transfer", "link_case")  # fmt: skip

TRANSFER_STEPS = ("approve", "withdraw", "acknowledge", "accept", "refuse", "keep", "dispute")

# API operation id → the URL name of the page that calls the same service

PAIRS = {
    "zhifa_core_api_preview_schedule": "core:holiday_schedule",
    "zhifa_core_api_enter_schedule": "core:holiday_schedule",
    "zhifa_accounts_api_create_token": "accounts:token_list",
    "zhifa_accounts_api_revoke_token": "accounts:token_revoke",
    "zhifa_registry_api_create_officer": "registry:officer_create",
    "zhifa_registry_api_update_officer": "registry:officer_edit",
    "zhifa_registry_api_issue_certificate": "registry:certificate_issue",
    "zhifa_registry_api_set_certificate_status": "registry:certificate_status",
    "zhifa_registry_api_check_certificate": "registry:certificate_check",
    "zhifa_registry_api_add_training": "registry:training_add",
    "zhifa_registry_api_set_assessment": "registry:assessment_set",
    "zhifa_registry_api_register_body": "registry:body_register",
    "zhifa_registry_api_confirm_body": "registry:body_confirm",
    "zhifa_registry_api_announce_body": "registry:body_announce",
    "zhifa_registry_api_rename_body": "registry:body_rename",
    "zhifa_registry_api_revoke_body": "registry:body_revoke",
    "zhifa_registry_api_merge_bodies": "registry:body_merge",
    "zhifa_registry_api_create_field": "registry:field_create",
    "zhifa_registry_api_update_field": "registry:field_edit",
    "zhifa_registry_api_deactivate_field": "registry:field_deactivate",
    "zhifa_registry_api_activate_field": "registry:field_activate",
    "zhifa_catalog_api_open_draft": "catalog:draft",
    "zhifa_catalog_api_create_item": "catalog:item_create",
    "zhifa_catalog_api_save_item": "catalog:item_edit",
    "zhifa_catalog_api_remove_item": "catalog:item_remove",
    "zhifa_catalog_api_submit": "catalog:version_submit",
    "zhifa_catalog_api_approve_review": "catalog:review_detail",
    "zhifa_catalog_api_return_review": "catalog:review_detail",
    "zhifa_catalog_api_set_benchmark": "catalog:benchmark_edit",
    "zhifa_catalog_api_create_delegation": "catalog:delegation_create",
    "zhifa_catalog_api_evaluate_delegation": "catalog:delegation_evaluate",
    "zhifa_catalog_api_evaluate_benchmark": "catalog:benchmark_evaluations",
    "zhifa_filings_api_submit_filing": "filings:filing_new",
    "zhifa_filings_api_accept_filing": "filings:filing_accept",
    "zhifa_filings_api_return_filing": "filings:filing_return",
    "zhifa_filings_api_resubmit_filing": "filings:filing_resubmit",
    "zhifa_cases_api_intake": "cases:case_intake",
    "zhifa_cases_api_simple": "cases:simple_new",
    "zhifa_cases_api_assign": "cases:case_action",
    "zhifa_cases_api_register": "cases:case_action",
    "zhifa_cases_api_decline": "cases:case_action",
    "zhifa_cases_api_step": "cases:case_action",
    "zhifa_cases_api_extend": "cases:case_action",
    "zhifa_cases_api_submit_review": "cases:case_action",
    "zhifa_cases_api_notify": "cases:case_action",
    "zhifa_cases_api_statement": "cases:case_action",
    "zhifa_cases_api_hearing_request": "cases:case_action",
    "zhifa_cases_api_hearing": "cases:case_action",
    "zhifa_cases_api_serve_notice": "cases:case_action",
    "zhifa_cases_api_statement_period_set": "cases:statement_period",
    "zhifa_cases_api_decide": "cases:case_action",
    "zhifa_cases_api_serve": "cases:case_action",
    "zhifa_cases_api_execute": "cases:case_action",
    "zhifa_cases_api_close": "cases:case_action",
    "zhifa_cases_api_archive": "cases:case_action",
    "zhifa_cases_api_challenge": "cases:case_action",
    "zhifa_cases_api_challenge_outcome": "cases:case_action",
    "zhifa_cases_api_evidence_upload_start": "cases:evidence_upload_start",
    "zhifa_cases_api_evidence_upload_chunk": "cases:evidence_upload",
    "zhifa_cases_api_evidence_upload_finish": "cases:evidence_upload_finish",
    "zhifa_cases_api_documents_document_generate": "cases:document_generate",
    "zhifa_review_api_submit": "review:case_review",
    "zhifa_review_api_resubmit": "review:review_resubmit",
    "zhifa_review_api_opinion": "review:review_opinion",
    "zhifa_review_api_dispute": "review:review_dispute",
    "zhifa_review_api_resolve": "review:review_resolve",
    "zhifa_review_api_assign": "review:review_assign",
    "zhifa_review_api_invite": "review:review_invite",
    "zhifa_review_api_pre_review": "review:review_pre_review",
    "zhifa_review_api_pre_review_answer": "review:pre_review_answer",
    "zhifa_publicity_api_disclosure_register": "publicity:register",
    "zhifa_publicity_api_disclosure_publish": "publicity:publish",
    "zhifa_publicity_api_disclosure_withhold": "publicity:withhold",
    "zhifa_publicity_api_disclosure_withdraw": "publicity:withdraw",
    "zhifa_publicity_api_disclosures_bulk_publish": "publicity:bulk_publish",
    "zhifa_inspections_api_plan_publish": "inspections:plan_action",
    "zhifa_inspections_api_draw_commit": "inspections:plan_action",
    "zhifa_inspections_api_draw_run": "inspections:draw_action",
    "zhifa_inspections_api_draw_reveal": "inspections:draw_action",
    "zhifa_inspections_api_task_start": "inspections:task_start",
    "zhifa_inspections_api_inspection_unplanned": "inspections:report_action",
    "zhifa_inspections_api_inspection_finish": "inspections:inspection_detail",
    "zhifa_inspections_api_report_file": "inspections:report_list",
    "zhifa_inspections_api_report_decide": "inspections:report_action",
    "zhifa_supervision_api_plans_plan_create": "supervision:plan_new",
    "zhifa_supervision_api_plans_plan_task_add": "supervision:plan_task_add",
    "zhifa_supervision_api_plans_plan_publish": "supervision:plan_publish",
    "zhifa_supervision_api_plans_ledger_report": "supervision:ledger_report",
    "zhifa_supervision_api_plans_oversight_open": "supervision:oversight_new",
    "zhifa_supervision_api_plans_oversight_from_case": "supervision:oversight_from_case",
    "zhifa_supervision_api_plans_oversight_report": "supervision:oversight_action",
    "zhifa_supervision_api_plans_oversight_extend": "supervision:oversight_action",
    "zhifa_supervision_api_plans_oversight_escalate": "supervision:oversight_action",
    "zhifa_supervision_api_plans_oversight_close": "supervision:oversight_action",
    "zhifa_supervision_api_actions_item_open": "supervision:action_new",
    "zhifa_supervision_api_actions_item_from_case": "supervision:action_from_case",
    "zhifa_supervision_api_actions_item_from_source": "supervision:action_from_source",
    "zhifa_supervision_api_actions_finding_add": "supervision:action_step",
    "zhifa_supervision_api_actions_instrument_issue": "supervision:action_step",
    "zhifa_supervision_api_actions_reply_submit": "supervision:action_step",
    "zhifa_supervision_api_actions_reply_accept": "supervision:action_step",
    "zhifa_supervision_api_actions_reply_return": "supervision:action_step",
    "zhifa_supervision_api_actions_escalate": "supervision:action_step",
    "zhifa_supervision_api_actions_item_close": "supervision:action_step",
    "zhifa_supervision_api_campaigns_campaign_create": "supervision:campaign_new",
    "zhifa_supervision_api_campaigns_campaign_commit": "supervision:campaign_commit",
    "zhifa_supervision_api_campaigns_campaign_draw": "supervision:campaign_draw",
    "zhifa_supervision_api_campaigns_campaign_assign": "supervision:campaign_action",
    "zhifa_supervision_api_campaigns_campaign_conclude": "supervision:campaign_action",
    "zhifa_supervision_api_campaigns_campaign_publish": "supervision:campaign_action",
    "zhifa_supervision_api_campaigns_campaign_file_assign": "supervision:campaign_file",
    "zhifa_supervision_api_campaigns_review_submit": "supervision:campaign_score",
    "zhifa_supervision_api_problems_problem_record": "supervision:problem_new",
    "zhifa_supervision_api_problems_problem_supervise": "supervision:problem_supervise",
    "zhifa_supervision_api_problems_task_assign": "supervision:rectification_new",
    "zhifa_supervision_api_problems_task_report": "supervision:rectification_step",
    "zhifa_supervision_api_problems_task_submit": "supervision:rectification_step",
    "zhifa_supervision_api_problems_follow_up_pass": "supervision:rectification_step",
    "zhifa_supervision_api_problems_follow_up_fail": "supervision:rectification_step",
    "zhifa_supervision_api_problems_device_register": "supervision:device_new",
    "zhifa_supervision_api_problems_device_update": "supervision:device_edit",
    "zhifa_supervision_api_accountability_proceeding_open": "supervision:accountability_new",
    "zhifa_supervision_api_accountability_proceeding_investigate": "supervision:accountability_step",
    "zhifa_supervision_api_accountability_proceeding_notify": "supervision:accountability_step",
    "zhifa_supervision_api_accountability_proceeding_hear": "supervision:accountability_step",
    "zhifa_supervision_api_accountability_proceeding_decide": "supervision:accountability_step",
    "zhifa_supervision_api_accountability_proceeding_restore": "supervision:accountability_step",
    "zhifa_supervision_api_campaigns_campaign_file_open_item": "supervision:campaign_file_rectify",
    **{f"zhifa_complaints_api_complaint_{name}": "complaints:step" for name in COMPLAINT_STEPS},
    "zhifa_complaints_api_complaint_enter": "complaints:new",
    "zhifa_complaints_api_complaint_import": "complaints:import",
    "zhifa_complaints_api_public_submit": "complaints_public:new",
    "zhifa_complaints_api_public_track": "complaints_public:track",
    "zhifa_complaints_api_public_rate": "complaints_public:rate",
    "zhifa_social_api_supervisor_appoint": "social:supervisor_new",
    "zhifa_social_api_supervisor_renew": "social:supervisor_renew",
    "zhifa_social_api_supervisor_dismiss": "social:supervisor_dismiss",
    "zhifa_social_api_point_establish": "social:point_new",
    "zhifa_social_api_point_renew": "social:point_renew",
    "zhifa_social_api_point_revoke": "social:point_revoke",
    "zhifa_social_api_feedback_submit": "social:feedback_new",
    "zhifa_social_api_feedback_acknowledge": "social:feedback_acknowledge",
    "zhifa_social_api_feedback_answer": "social:feedback_answer",
    "zhifa_social_api_feedback_supervise": "social:feedback_supervise",
    "zhifa_social_api_feedback_forward": "social:feedback_forward",
    "zhifa_social_api_survey_create": "social:survey_new",
    "zhifa_social_api_response_add": "social:response_new",
    "zhifa_social_api_survey_close": "social:survey_close",
    "zhifa_training_api_plan_create": "training:plan_new",
    "zhifa_training_api_plan_item_add": "training:plan_item_add",
    "zhifa_training_api_plan_item_remove": "training:plan_item_remove",
    "zhifa_training_api_plan_submit": "training:plan_submit",
    "zhifa_training_api_trainer_add": "training:trainer_new",
    "zhifa_training_api_trainer_update": "training:trainer_edit",
    "zhifa_training_api_trainer_withdraw": "training:trainer_withdraw",
    "zhifa_training_api_study_record": "training:study_new",
    "zhifa_training_api_study_correct": "training:study_correct",
    "zhifa_training_api_study_delete": "training:study_delete",
    "zhifa_recognition_api_award_record": "recognition:award_new",
    "zhifa_recognition_api_award_correct": "recognition:award_correct",
    "zhifa_detection_api_hit_confirm": "detection:hit_action",
    "zhifa_detection_api_hit_dismiss": "detection:hit_action",
    "zhifa_detection_api_hit_supervise": "detection:hit_action",
    "zhifa_detection_api_hit_oversee": "detection:hit_action",
    "zhifa_detection_api_run": "detection:run",
    "zhifa_evaluation_api_scheme_create": "evaluation:scheme_create",
    "zhifa_evaluation_api_scheme_publish": "evaluation:scheme_publish",
    "zhifa_evaluation_api_scheme_revise": "evaluation:scheme_revise",
    "zhifa_evaluation_api_node_add": "evaluation:node_add",
    "zhifa_evaluation_api_node_update": "evaluation:node_edit",
    "zhifa_evaluation_api_node_remove": "evaluation:node_remove",
    "zhifa_evaluation_api_weights_set": "evaluation:weights_edit",
    "zhifa_evaluation_api_score_enter": "evaluation:score",
    "zhifa_evaluation_api_ranking_publish": "evaluation:ranking_publish",
    "zhifa_evaluation_api_consequence_record": "evaluation:consequence_new",
    **{
        f"zhifa_collaboration_api_transfers_transfer_{name}": "collaboration:transfer_step"
        for name in TRANSFER_STEPS
    },
    "zhifa_collaboration_api_transfers_transfer_create": "collaboration:transfer_new",
    "zhifa_collaboration_api_transfers_dispute_decide": "collaboration:transfer_step",
    "zhifa_collaboration_api_transfers_boundary_add": "collaboration:boundary_new",
    **{
        f"zhifa_collaboration_api_joint_action_{n}": "collaboration:joint_new"
        for n in ("plan", "apply", "report")
    },
    **{
        f"zhifa_collaboration_api_joint_action_{n}": "collaboration:joint_step"
        for n in ("approve", "refuse", "draft", "authorise", "start", "finish")
    },
    "zhifa_collaboration_api_joint_finding_record": "collaboration:joint_step",
    "zhifa_collaboration_api_joint_finding_split": "collaboration:joint_split",
    "zhifa_collaboration_api_joint_finding_notify": "collaboration:joint_notify",
    "zhifa_collaboration_api_joint_share_register": "collaboration:joint_register",
    "zhifa_collaboration_api_joint_handover_arrive": "collaboration:joint_handover",
    "zhifa_collaboration_api_joint_handover_complete": "collaboration:joint_handover",
    "zhifa_collaboration_api_joint_group_save": "collaboration:group_edit",
    "zhifa_collaboration_api_joint_liaison_set": "collaboration:liaison_edit",
    "zhifa_collaboration_api_meetings_meeting_convene": "collaboration:meeting_new",
    "zhifa_collaboration_api_meetings_meeting_record": "collaboration:meeting_record",
    "zhifa_collaboration_api_meetings_decision_complete": "collaboration:decision_complete",
    "zhifa_detection_api_params_set": "detection:param_set",
    "zhifa_collaboration_api_notices_notice_enter": "collaboration:notice_new",
    "zhifa_collaboration_api_notices_notice_send": "collaboration:notice_step",
    "zhifa_collaboration_api_notices_notice_acknowledge": "collaboration:notice_step",
    "zhifa_collaboration_api_notices_sharing_register": "collaboration:sharing_new",
    "zhifa_collaboration_api_notices_sharing_share": "collaboration:sharing_share",
    "zhifa_collaboration_api_assistance_request_send": "collaboration:assistance_new",
    "zhifa_collaboration_api_assistance_request_receive": "collaboration:assistance_step",
    "zhifa_collaboration_api_assistance_request_extend": "collaboration:assistance_step",
    "zhifa_collaboration_api_assistance_request_answer": "collaboration:assistance_step",
    "zhifa_collaboration_api_assistance_request_decline": "collaboration:assistance_step",
    "zhifa_collaboration_api_referrals_referral_report": "collaboration:referral_new",
    "zhifa_collaboration_api_referrals_referral_receive": "collaboration:referral_receive",
    "zhifa_collaboration_api_referrals_court_apply": "collaboration:court_apply",
    "zhifa_collaboration_api_referrals_referral_approve": "collaboration:referral_step",
    "zhifa_collaboration_api_referrals_referral_reject": "collaboration:referral_step",
    "zhifa_collaboration_api_referrals_referral_transfer": "collaboration:referral_step",
    "zhifa_collaboration_api_referrals_referral_accept": "collaboration:referral_step",
    "zhifa_collaboration_api_referrals_referral_not_file": "collaboration:referral_step",
    "zhifa_collaboration_api_referrals_referral_return": "collaboration:referral_step",
    "zhifa_collaboration_api_referrals_referral_conclude": "collaboration:referral_step",
    "zhifa_stats_api_reports_round_issue": "stats:round_new",
    "zhifa_stats_api_reports_round_forward": "stats:round_forward",
    "zhifa_stats_api_reports_submission_submit": "stats:submission_step",
    "zhifa_stats_api_reports_submission_accept": "stats:submission_step",
    "zhifa_stats_api_reports_submission_return": "stats:submission_step",
    "zhifa_core_api_create_holiday_override": "core:holiday_override_create",
    "zhifa_core_api_update_holiday_override": "core:holiday_override_edit",
    "zhifa_core_api_delete_holiday_override": "core:holiday_override_delete",
    "zhifa_core_api_create_number_format": "core:number_format_create",
    "zhifa_core_api_update_number_format": "core:number_format_edit",
    "zhifa_core_api_delete_number_format": "core:number_format_delete",
    "zhifa_notifications_api_message_read": "notifications:message_open",
    "zhifa_notifications_api_messages_read_all": "notifications:message_read_all",
    # 信用修复 (publicity.repair) and 典型案例 (guidance), issue 21
    "zhifa_publicity_api_repair_credit_repair_register": "publicity:credit_repair_register",
    "zhifa_publicity_api_repair_credit_repair_approve": "publicity:credit_repair_approve",
    "zhifa_publicity_api_repair_credit_repair_refuse": "publicity:credit_repair_refuse",
    "zhifa_guidance_api_exemplar_propose": "guidance:propose",
    "zhifa_guidance_api_exemplar_resubmit": "guidance:resubmit",
    "zhifa_guidance_api_exemplar_adopt": "guidance:adopt",
    "zhifa_guidance_api_exemplar_return": "guidance:return",
    "zhifa_guidance_api_exemplar_publish": "guidance:publish",
    "zhifa_equipment_api_device_register": "equipment:device_new",
    "zhifa_equipment_api_device_update": "equipment:device_edit",
    "zhifa_equipment_api_device_issue": "equipment:device_issue",
    "zhifa_equipment_api_device_return": "equipment:device_return",
    "zhifa_equipment_api_standard_set": "equipment:standard_edit",
    "zhifa_equipment_api_recording_link": "equipment:evidence_device",
}

CASE_TRANSITIONS = (
    "assign", "register", "decline", "step", "extend", "submit_review", "notify", "statement",
    "hearing_request", "serve_notice", "hearing", "decide", "serve", "execute", "close", "archive", "challenge",
    "challenge_outcome",
)  # fmt: skip

# pairs without a Door, and why (each is covered otherwise where named)
_STATE_ONLY = "no input but the object: the one refusal is the state guard of the same service call"
_TRANSITIONS = (
    "a case transition: tests/cases/test_transitions.py drives page, API and service on the same table"
)
NO_DOOR = {
    "zhifa_core_api_preview_schedule": "reads the pasted notice, writes nothing (tests/core/test_holiday_schedule.py)",
    "zhifa_accounts_api_revoke_token": _STATE_ONLY,
    "zhifa_registry_api_check_certificate": _STATE_ONLY,
    "zhifa_registry_api_announce_body": _STATE_ONLY,
    "zhifa_registry_api_merge_bodies": "picks another body by id: a choice, not text",
    "zhifa_registry_api_update_field": "the form of create_field (covered by its Door) on an existing field",
    "zhifa_registry_api_deactivate_field": _STATE_ONLY,
    "zhifa_registry_api_activate_field": _STATE_ONLY,
    "zhifa_catalog_api_open_draft": _STATE_ONLY,
    "zhifa_catalog_api_save_item": "the item form of item_create (covered by its Door) on an existing item",
    "zhifa_catalog_api_remove_item": _STATE_ONLY,
    "zhifa_catalog_api_approve_review": _STATE_ONLY,
    "zhifa_filings_api_submit_filing": "the page uploads the files, the API sends them as base64: the files' "
    "refusal comes first; the service's refusals are tested through both doors (tests/filings/test_filings.py)",
    "zhifa_filings_api_resubmit_filing": "files only, uploaded or base64 (tests/filings/test_filings.py)",
    "zhifa_filings_api_accept_filing": _STATE_ONLY,
    "zhifa_catalog_api_evaluate_benchmark": "the page picks the item among the benchmarks in force (a choice), the "
    "API names its code; the service's refusals are tested through the API (tests/catalog/test_benchmark_schedule.py)",
    "zhifa_catalog_api_set_benchmark": "the page edits rows of levels in a formset, the API a list: no one-field mapping",
    **{f"zhifa_cases_api_{name}": _TRANSITIONS for name in CASE_TRANSITIONS},
    "zhifa_cases_api_evidence_upload_start": "the page's uploader is the same JavaScript client of the same endpoint",
    "zhifa_cases_api_evidence_upload_chunk": "binary chunks: tests/cases/test_evidence.py",
    "zhifa_cases_api_evidence_upload_finish": _STATE_ONLY,
    "zhifa_cases_api_documents_document_generate": "a kind of document is a choice, not text",
    "zhifa_cases_api_statement_period_set": (
        "a number of working days, not text: its range refusal at service, page and API in "
        "tests/cases/test_actors_rest.py"
    ),
    "zhifa_review_api_resubmit": "the proposal form of submit (covered by its Door) on a returned review",
    "zhifa_review_api_assign": "picks reviewers by id: a choice, not text",
    "zhifa_publicity_api_disclosure_publish": _STATE_ONLY,
    "zhifa_publicity_api_disclosures_bulk_publish": (
        "ids only: each draft through disclosure_publish, whose refusals page and API report alike "
        "(tests/publicity/test_bulk_and_sort.py)"
    ),
    "zhifa_inspections_api_draw_commit": "a hash computed by the client, refused by the service alike",
    "zhifa_inspections_api_draw_reveal": _STATE_ONLY,
    "zhifa_inspections_api_report_decide": _STATE_ONLY,
    "zhifa_registry_api_update_officer": "the officer form of create_officer (covered by its Door) on an existing officer",
    "zhifa_core_api_enter_schedule": "the page confirms the schedule it read from the pasted notice: no field of its own (tests/core/test_holiday_schedule.py)",
    "zhifa_inspections_api_draw_run": "a seed checked against its commitment by the service alike (tests/inspections/test_api.py)",
    "zhifa_supervision_api_plans_plan_publish": _STATE_ONLY,
    "zhifa_supervision_api_plans_oversight_from_case": (
        "the 督办 form of oversight_open (covered by its Door) with the case in place of the agency"
    ),
    "zhifa_supervision_api_actions_item_from_case": (
        "the reason of item_open (covered by its Door) on a case, with a category to choose"
    ),
    "zhifa_supervision_api_actions_item_from_source": (
        "the reason of item_open (covered by its Door) on a registered source, with a category to choose"
    ),
    "zhifa_supervision_api_campaigns_campaign_assign": _STATE_ONLY,
    "zhifa_supervision_api_campaigns_campaign_conclude": _STATE_ONLY,
    "zhifa_supervision_api_campaigns_campaign_publish": _STATE_ONLY,
    "zhifa_supervision_api_accountability_proceeding_restore": _STATE_ONLY,
    "zhifa_supervision_api_campaigns_campaign_file_open_item": _STATE_ONLY,
    **{
        f"zhifa_complaints_api_complaint_{name}": (
            "a 投诉举报 step: one service call from the page's generic step view and the API; refusals are the "
            "service's (tests/complaints/test_pages.py and test_api_hotline.py assert the same words)"
        )
        for name in COMPLAINT_STEPS
    },
    "zhifa_complaints_api_complaint_enter": (
        "the same ComplaintInput and service as the page (contact refusal asserted on both in tests/complaints/)"
    ),
    "zhifa_complaints_api_complaint_import": "a file (base64 in the API, multipart on the page): tests/complaints/test_api_hotline.py",
    "zhifa_complaints_api_public_track": (
        "查询进度 by code writes nothing; every code not found is one answer on both doors "
        "(tests/complaints/test_pages.py, test_api_public.py)"
    ),
    "zhifa_social_api_feedback_acknowledge": _STATE_ONLY,
    "zhifa_social_api_survey_close": _STATE_ONLY,
    "zhifa_training_api_plan_submit": _STATE_ONLY,
    "zhifa_training_api_plan_item_remove": "an item id of the plan, no text: its refusal at service, page and API in tests/training/",
    "zhifa_detection_api_run": "a model is a choice, not text; the run is a background task (tests/detection/test_pages_api.py)",
    "zhifa_evaluation_api_scheme_create": "a year, not text: its range refusal at service, page and API in tests/evaluation/test_views.py",
    "zhifa_evaluation_api_scheme_publish": _STATE_ONLY,
    "zhifa_evaluation_api_node_update": "the node form of node_add (covered by its Door) on an existing node",
    "zhifa_evaluation_api_node_remove": _STATE_ONLY,
    "zhifa_evaluation_api_weights_set": "a weight per node id (page fields w_<id>, API a list): the sum refusal in tests/evaluation/test_views.py",
    "zhifa_evaluation_api_ranking_publish": _STATE_ONLY,
    **{
        f"zhifa_collaboration_api_transfers_transfer_{name}": (
            "a 案件移送 step: one service call from the page's generic step view and the API; the refusals are the "
            "service's (tests/collaboration/transfers/test_pages_api.py asserts the same words through both)"
        )
        for name in TRANSFER_STEPS
    },
    "zhifa_collaboration_api_transfers_transfer_create": (
        "the same TransferInput and service as the page (the package and competence refusals asserted on both "
        "in tests/collaboration/transfers/test_pages_api.py)"
    ),
    "zhifa_collaboration_api_transfers_dispute_decide": (
        "the decision form of the transfer page's 录入争议决定 step, the same service (tests/collaboration/transfers/)"
    ),
    "zhifa_collaboration_api_transfers_boundary_add": (
        "the same BoundaryInput and service as the page (tests/collaboration/transfers/test_pages_api.py)"
    ),
    **{
        f"zhifa_collaboration_api_joint_{name}": (
            "a 联合执法 step: one service call from the page's generic step view and the API; the refusals are "
            "the service's (tests/collaboration/joint/test_services.py, test_api.py and test_views.py assert the "
            "same words at service, API and page)"
        )
        for name in (
            "action_plan",
            "action_apply",
            "action_report",
            "action_approve",
            "action_refuse",
            "action_draft",
            "action_authorise",
            "finding_record",
            "finding_notify",
            "handover_complete",
            "group_save",
            "liaison_set",
        )
    },
    **{
        f"zhifa_collaboration_api_joint_{name}": _STATE_ONLY
        for name in ("action_start", "action_finish", "share_register", "handover_arrive")
    },
    "zhifa_collaboration_api_joint_finding_split": "the office's choice of department per item: a choice, not text",
    "zhifa_collaboration_api_meetings_meeting_convene": (
        "a meeting: the service's refusals asserted at service and API (tests/collaboration/joint/test_api.py)"
    ),
    "zhifa_collaboration_api_meetings_meeting_record": (
        "decisions as lines of text on the page, a list in the API: no one-field mapping"
    ),
    "zhifa_collaboration_api_notices_notice_send": "picks the receiver by id (a choice) and an optional note; the one refusal is the side and state guard (tests/collaboration/notices/test_services.py)",
    "zhifa_collaboration_api_notices_notice_acknowledge": _STATE_ONLY,
    "zhifa_collaboration_api_notices_sharing_register": "choices by value and id; the text fields' control characters are core.hygiene's (tests/collaboration/notices/test_services.py)",
    "zhifa_collaboration_api_notices_sharing_share": "one date: refused in the service alike (tests/collaboration/notices/test_services.py)",
    "zhifa_collaboration_api_assistance_request_send": "picks the helper by id and the kind by value (tests/collaboration/assistance/test_services.py)",
    "zhifa_collaboration_api_assistance_request_receive": _STATE_ONLY,
    "zhifa_collaboration_api_assistance_request_extend": "a date and a reason checked by the service against the stored due date (tests/collaboration/assistance/test_services.py)",
    "zhifa_collaboration_api_referrals_referral_report": "the counterpart organ's label differs by kind (公安机关, 纪检监察机关): the service's message, tested in tests/collaboration/referrals/test_services.py",
    "zhifa_collaboration_api_referrals_referral_receive": "the same form as the report's, tested at the service",
    "zhifa_collaboration_api_referrals_court_apply": "dates checked against the case's service date (tests/collaboration/referrals/test_services.py)",
    "zhifa_collaboration_api_referrals_referral_approve": _STATE_ONLY,
    "zhifa_collaboration_api_referrals_referral_transfer": _STATE_ONLY,
    "zhifa_collaboration_api_referrals_referral_reject": "the reason is refused by the service alike (tests/collaboration/referrals/test_services.py)",
    "zhifa_collaboration_api_referrals_referral_accept": "a date and an optional note, checked by the service",
    "zhifa_collaboration_api_referrals_referral_not_file": "a date and a reason checked by the service (tests/collaboration/referrals/test_services.py)",
    "zhifa_collaboration_api_referrals_referral_return": "a date and a reason checked by the service (tests/collaboration/referrals/test_services.py)",
    "zhifa_collaboration_api_referrals_referral_conclude": "a date and the outcome checked by the service",
    "zhifa_stats_api_reports_round_forward": _STATE_ONLY,
    "zhifa_stats_api_reports_submission_accept": _STATE_ONLY,
    "zhifa_core_api_update_holiday_override": (
        "the form of create_holiday_override (covered by its Door) on an existing override"
    ),
    "zhifa_core_api_delete_holiday_override": _STATE_ONLY,
    "zhifa_core_api_update_number_format": "the form of create_number_format (covered by its Door) on an existing one",
    "zhifa_core_api_delete_number_format": _STATE_ONLY,
    "zhifa_notifications_api_message_read": "no input but the user's own message (tests/notifications/test_views.py, test_api.py)",
    "zhifa_notifications_api_messages_read_all": "no input at all: the user's own unread messages (tests/notifications)",
    # issue 21: the same refusals by field at the service, the page and the API are asserted in
    # tests/publicity/test_credit_repair.py and tests/guidance/test_exemplars.py
    "zhifa_publicity_api_repair_credit_repair_register": "tests/publicity/test_credit_repair.py (pages and API)",
    "zhifa_publicity_api_repair_credit_repair_approve": "tests/publicity/test_credit_repair.py (pages and API)",
    "zhifa_publicity_api_repair_credit_repair_refuse": "tests/publicity/test_credit_repair.py (service and API)",
    "zhifa_guidance_api_exemplar_propose": "tests/guidance/test_exemplars.py (pages and API)",
    "zhifa_guidance_api_exemplar_resubmit": "the write-up form of propose on a returned case",
    "zhifa_guidance_api_exemplar_adopt": _STATE_ONLY,
    "zhifa_guidance_api_exemplar_return": "tests/guidance/test_exemplars.py (pages and API)",
    "zhifa_guidance_api_exemplar_publish": _STATE_ONLY,
    "zhifa_equipment_api_device_issue": "picks an officer by id: a choice, not text (tests/equipment/test_services.py)",
    "zhifa_equipment_api_device_return": _STATE_ONLY,
    "zhifa_equipment_api_recording_link": "picks a device by id: a choice, not text (tests/equipment/test_services.py)",
    "zhifa_equipment_api_device_register": "doors built on the fixtures' ids in tests/equipment/test_parity.py",
    "zhifa_equipment_api_device_update": "doors built on the fixtures' ids in tests/equipment/test_parity.py",
    "zhifa_equipment_api_standard_set": "doors built on the fixtures' ids in tests/equipment/test_parity.py",
}

# API writes with no page, and why
API_ONLY = {
    "zhifa_core_api_create_agency": "agencies are set up by the system admin in 系统管理 (Django admin)",
    "zhifa_catalog_api_recommend": "the discretion calculator: a POST that writes nothing (the page asks by GET)",
    "zhifa_cases_api_evidence_upload_cancel": "the uploader's cancel; the page's is the same JavaScript call",
    "zhifa_exchange_api_import_file": "an exchange file from another system: the API and `zhifa exchange_import` take it",
}

# pages that write with no API counterpart, and why
PAGE_ONLY = {
    # 双因素认证与再认证 (docs/security.md): login steps a person types, never an API call
    "accounts:two_factor_verify": "the second step of a browser login; API calls use personal tokens",
    "accounts:two_factor_enrol": "enrolment shows a QR code to scan: a browser step",
    "accounts:two_factor_recovery_codes": "recovery codes shown once to the person: a browser step",
    "accounts:two_factor_disable": "needs a current code typed by the person: a browser step",
    "accounts:reauth": "re-authentication of a browser session; token calls are exempt",
    # 三员分立: the admins' console is pages only (no API for account administration, by design)
    "accounts:user_create": "三员 console: account administration has no API",
    "accounts:user_edit": "三员 console: account administration has no API",
    "accounts:user_set_active": "三员 console: account administration has no API",
    "accounts:user_password_reset": "三员 console: a temporary password is shown once on a page, never sent by API",
    "accounts:user_roles": "三员 console: role grants have no API",
    "accounts:reset_detail": "三员 console: approval shows the temporary password once on a page",
    "accounts:account_unlock": "三员 console: unlocking has no API",
    "core:agency_create": "三员 console: agency maintenance has no API",
    "core:agency_edit": "三员 console: agency maintenance has no API",
    "core:region_create": "三员 console: region maintenance has no API",
    "core:region_edit": "三员 console: region maintenance has no API",
    "audit:chain_verify": "verifies the audit chain, writes nothing but the cached result",
    "core:record_verify": "verifies the record chains, writes nothing",
    "registry:import": "Excel import (tests/registry/test_imports.py)",
    "catalog:import": "Excel import (tests/catalog/test_excel.py)",
    "catalog:org_unit_create": "岗位职权分解: page only",
    "catalog:duty_assign": "岗位职权分解: page only",
    "cases:document_template_upload": "文书模板 upload: page only",
    "cases:evidence_new": "the one-shot upload form; the API's upload is chunked (upload_start … finish)",
    "catalog:duties": "reads the page's basis from a POST of its forms (org_unit_create, duty_assign); writes nothing",
    "catalog:duties_export": "the same helper as catalog:duties; writes nothing",
    "review:pool": "the reviewers' pool: page only",
    "publicity:edit": "editing a draft: page only",
    "publicity:correct": "a correction: page only",
    "publicity:reports": "统计年报: page only",
    "publicity:report": "统计年报: page only",
    "inspections:plan_new": "a plan is made on the page only",
    "inspections:task_override": "人工调整: page only",
    "inspections:subject_new": "the subject directory: page only",
    "inspections:subject_import": "Excel import",
    "inspections:lenient_new": "包容审慎 list: page only",
    "inspections:lenient_edit": "包容审慎 list: page only",
    "inspections:lenient_end": "包容审慎 list: page only",
    "inspections:inspector_conflict": "回避 of an inspector: page only",
    "inspections_public:enterprise": "the enterprise's own public page (扫码入企)",
    "supervision:campaign_template_new_version": "评查标准 versions are drafted on the page only",
    "supervision:campaign_template_edit": "评查标准 versions are edited on the page only (points per item)",
    "supervision:campaign_template_publish": "评查标准 versions are published on the page only",
    "social:response_import": "Excel import of survey results (tests/social/test_views.py)",
    "jobs:run_retry": "重试 of a failed background task: the 系统管理员's page only (tests/jobs/test_runs.py)",
    "jobs:export_start": "a background export is asked for from a list page; the API streams (tests/jobs)",
}
