package org.coldwatch.gateway.outbox;

/** How close the outbox is to its disk budget; reported in health and logged on every change. */
public enum OutboxState {
    /** Below 90 % of the budget and enough free disk. */
    OK("ok"),
    /** At least 90 % of the budget used, or free disk below twice the reserve. */
    NEAR_FULL("near-full"),
    /** Budget used up, free disk below the reserve, or the disk itself full: the full policy applies. */
    FULL("full");

    private final String wireName;

    OutboxState(String wireName) {
        this.wireName = wireName;
    }

    /** As written in logs and health messages: {@code ok}, {@code near-full}, {@code full}. */
    public String wireName() {
        return wireName;
    }
}
