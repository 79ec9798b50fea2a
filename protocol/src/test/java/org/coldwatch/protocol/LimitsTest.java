package org.coldwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written id check agrees with the documented pattern. */
class LimitsTest {

    @Test
    void isValidIdAgreesWithIdPatternOnEdgeCasesAndRandomStrings() {
        String[] edges = {"a", "A", "0", "-a", ".a", "_a", "a-", "a.b_c-d", "a".repeat(64), "a".repeat(65), "",
            "a b", "ä", "gw/1", "gw+", "temp-1", "Z9"};
        for (String id : edges) {
            assertThat(Limits.isValidId(id)).as(id).isEqualTo(Limits.ID_PATTERN.matcher(id).matches());
        }
        String alphabet = "aZ09._- /+#äé\u0000";
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(70);
            for (int j = 0; j < length; j++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(Limits.isValidId(id.toString())).as(id.toString())
                    .isEqualTo(Limits.ID_PATTERN.matcher(id).matches());
        }
        assertThat(Limits.isValidId(null)).isFalse();
    }
}
