-- A reserved diagnostic slot is held only while its notice plays. A gateway that died mid-notice (or whose start hung)
-- never confirmed or gave back its slot, so the slot kept the ticket and the call from recording for good. hold_until
-- is when the reservation ends unless it was confirmed: any gateway's sweep then releases it, audited and counted.
-- reserved_by names the gateway that reserved it (its claims holder), for that audit event and the logs. Fixed-width
-- ISO-8601 UTC text, like every timestamp here. Slots reserved without a hold_until (before this version, or by an
-- older gateway on the same database) are held for a fixed time after reserved_at instead.
ALTER TABLE diagnostic_slots ADD COLUMN hold_until TEXT;

ALTER TABLE diagnostic_slots ADD COLUMN reserved_by TEXT;

CREATE INDEX diagnostic_slots_hold ON diagnostic_slots (state, hold_until);
