package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProvisioningCodeTest {

    @Test
    void generatesThreeGroupsOfFourFromCrockfordsAlphabet() {
        String code = ProvisioningCode.generate(new Random(7));

        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(ProvisioningCode.normalize(code)).contains(code.replace("-", ""));
    }

    @Test
    void generatedCodesDoNotRepeat() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            codes.add(ProvisioningCode.generate());
        }

        assertThat(codes).hasSize(10_000);
    }

    @Test
    void forgivesCaseSpacesDashesAndLookAlikes() {
        assertThat(ProvisioningCode.normalize(" 7kqm-2xpd 9tae ")).contains("7KQM2XPD9TAE");
        assertThat(ProvisioningCode.normalize("OIL0-1111-0000")).contains("011011110000");
    }

    @Test
    void refusesWhatCannotBeACode() {
        assertThat(ProvisioningCode.normalize(null)).isEmpty();
        assertThat(ProvisioningCode.normalize("")).isEmpty();
        assertThat(ProvisioningCode.normalize("7KQM-2XPD-9TA")).as("too short").isEmpty();
        assertThat(ProvisioningCode.normalize("7KQM-2XPD-9TAE-1")).as("too long").isEmpty();
        assertThat(ProvisioningCode.normalize("7KQM-2XPD-9TAU")).as("U is not in the alphabet").isEmpty();
        assertThat(ProvisioningCode.normalize("7KQM-2XPD-9TA#")).isEmpty();
    }
}
