package org.recgateway.policy;

/** What a policy rule does with the calls it matches: record them by a plan, or leave them unrecorded. */
public sealed interface RuleAction permits RecordingPlan, DoNotRecordPlan {
}
