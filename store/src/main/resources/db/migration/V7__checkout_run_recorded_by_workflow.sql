-- Each checkout run records itself on its row (CheckoutActivities.beginRun, issue 22): the run chain's
-- first run id tells a new run (an ops retry: one more run) from the same run again (an activity retry or
-- a reset: nothing changes). NULL until a run has begun: such a PENDING row has no workflow yet, and the
-- stock-hold sweep starts one.
ALTER TABLE checkouts ADD COLUMN first_run_id VARCHAR(64);
