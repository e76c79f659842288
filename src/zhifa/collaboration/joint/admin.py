"""联合执法, its organisation and meetings in the admin (系统管理): read-only and scoped like every page;
every change goes through the services, which record it. Imported by joint.wiring."""

from django.contrib import admin

from zhifa.collaboration.models import (
    ActionTask,
    Finding,
    FindingShare,
    GroupMember,
    Handover,
    JointAction,
    LeadingGroup,
    Liaison,
    Meeting,
    MeetingDecision,
    Participant,
)
from zhifa.core.admin import ReadOnlyInline, ReadOnlyScopedAdmin


class MemberInline(ReadOnlyInline):
    model = GroupMember
    fields = ["role", "name", "post", "agency"]


@admin.register(LeadingGroup)
class LeadingGroupAdmin(ReadOnlyScopedAdmin):
    list_display = ["region", "office", "leader", "updated_at"]
    list_select_related = ["region", "office", "leader"]
    inlines = [MemberInline]


@admin.register(Liaison)
class LiaisonAdmin(ReadOnlyScopedAdmin):
    list_display = ["agency", "name", "phone", "updated_at"]
    search_fields = ["agency__name", "name"]
    list_select_related = ["agency"]


class ParticipantInline(ReadOnlyInline):
    model = Participant
    fields = ["agency"]


class TaskInline(ReadOnlyInline):
    model = ActionTask
    fields = ["content", "agency"]


@admin.register(JointAction)
class JointActionAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "kind", "lead_agency", "starts_on", "ends_on", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "place", "lead_agency__name"]
    list_select_related = ["lead_agency"]
    inlines = [ParticipantInline, TaskInline]


@admin.register(Finding)
class FindingAdmin(ReadOnlyScopedAdmin):
    list_display = ["party_name", "action", "found_on", "status"]
    list_filter = ["status"]
    search_fields = ["party_name", "description"]
    list_select_related = ["action"]


@admin.register(FindingShare)
class FindingShareAdmin(ReadOnlyScopedAdmin):
    list_display = ["finding", "agency", "by_office", "case"]
    list_select_related = ["finding", "agency", "case"]


@admin.register(Handover)
class HandoverAdmin(ReadOnlyScopedAdmin):
    list_display = ["finding", "agency", "status", "notified_at", "arrived_at", "handed_over_at"]
    list_filter = ["status"]
    list_select_related = ["finding", "agency"]


class DecisionInline(ReadOnlyInline):
    model = MeetingDecision
    fields = ["content", "owner", "due_on", "status"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "kind", "held_on", "office", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    list_select_related = ["office"]
    inlines = [DecisionInline]


@admin.register(MeetingDecision)
class MeetingDecisionAdmin(ReadOnlyScopedAdmin):
    list_display = ["content", "meeting", "owner", "due_on", "status"]
    list_filter = ["status"]
    list_select_related = ["meeting", "owner"]
