-- Contract v1.1: how far a reading's measured time can be trusted. NULL = taken with a synchronised clock (every
-- reading stored before this version); 'corrected' = taken before the gateway's clock was synchronised and corrected
-- by the gateway afterwards; 'unsynced' = taken before sync and not correctable (measured_ms may be far off).
ALTER TABLE reading ADD COLUMN time_quality TEXT;
