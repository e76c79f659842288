"""Every write of 社会监督: one keyword-only function per user action, taking the actor, built on core.kit
(lock and require, refuse beside the field, record). On a refusal nothing is written."""
