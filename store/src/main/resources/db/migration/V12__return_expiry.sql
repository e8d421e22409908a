-- A return asked for in time and never received within the order's receipt grace after the window closed
-- expires (issue 25): nothing is restocked or refunded, it has no receipt date, and the order completes.
ALTER TABLE returns DROP CONSTRAINT returns_status_check;
ALTER TABLE returns ADD CONSTRAINT returns_status_check
    CHECK (status IN ('REQUESTED', 'RECEIVED', 'REFUNDED', 'REJECTED', 'EXPIRED'));
